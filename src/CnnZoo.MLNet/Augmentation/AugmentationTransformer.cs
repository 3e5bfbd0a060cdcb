using CnnZoo.MLNet.Bridge;
using CnnZoo.MLNet.Bridge.Mapping;
using CnnZoo.MLNet.Bridge.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Marks an image column for training-time augmentation and changes nothing else: the values pass through untouched
/// (scoring data is never augmented); the column carries an annotation with the policy, which the CNN trainer reads and
/// applies to each training batch on the training device.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and meaning</description></listheader>
/// <item><term>input/output</term><description>The image column (any type), unchanged, plus the annotation <see cref="AnnotationKind"/> holding the policy as JSON.</description></item>
/// </list>
/// </remarks>
public sealed class AugmentationTransformer : CnnZooTransformer
{
    /// <summary>Annotation kind that holds the policy's JSON on the augmented column.</summary>
    public const string AnnotationKind = "CnnZoo.Augmentation";


    internal AugmentationTransformer(IHostEnvironment env, string columnName, AugmentationPolicy policy) : base(env)
    {
        ColumnName = columnName;
        Policy = policy;
    }

    /// <summary>The annotated column.</summary>
    public string ColumnName { get; }

    /// <summary>The augmentation the trainer will apply.</summary>
    public AugmentationPolicy Policy { get; }

    /// <summary>The policy annotated on a column, or null when it has none.</summary>
    public static AugmentationPolicy? PolicyOf(DataViewSchema.Column column)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(AnnotationKind);
        if (annotation is null) return null;
        var json = default(ReadOnlyMemory<char>);
        column.Annotations.GetValue(AnnotationKind, ref json);
        return AugmentationPolicy.FromJson(json.ToString());
    }

    internal static AugmentationTransformer Load(IHostEnvironment env, ModelReader reader)
    {
        var column = reader.ReadString();
        return new AugmentationTransformer(env, column, AugmentationPolicy.FromJson(reader.ReadString()));
    }

    private protected override ModelKind Kind => ModelKind.Augmentation;

    private protected override void SaveModel(ModelWriter writer)
    {
        writer.WriteString(ColumnName);
        writer.WriteString(Policy.ToJson());
    }

    private protected override IBoundRowMapping Bind(DataViewSchema inputSchema, IDataView? source) => new PassThrough(this, inputSchema);

    // Re-emits the column under its own name with the same type, annotations plus the policy, and a pass-through getter.
    private sealed class PassThrough : IBoundRowMapping
    {
        private readonly DataViewSchema.Column _input;

        public PassThrough(AugmentationTransformer owner, DataViewSchema schema)
        {
            _input = schema.GetColumnOrNull(owner.ColumnName)
                ?? throw new ArgumentOutOfRangeException(nameof(schema), owner.ColumnName, $"The column '{owner.ColumnName}' to augment is not in the data.");
            var annotations = new DataViewSchema.Annotations.Builder();
            annotations.Add(_input.Annotations, kind => kind != AnnotationKind);
            var json = owner.Policy.ToJson().AsMemory();
            annotations.Add(AnnotationKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = json);
            OutputColumns = [new DataViewSchema.DetachedColumn(owner.ColumnName, _input.Type, annotations.ToAnnotations())];
        }

        public DataViewSchema.DetachedColumn[] OutputColumns { get; }

        public Delegate[] CreateGetters(DataViewRow input, Func<int, bool> activeOutput, out Action? disposer)
        {
            disposer = null;
            return [activeOutput(0) ? (Delegate)GenericDispatch.Invoke(typeof(PassThrough), nameof(Getter), _input.Type.RawType, input, _input)! : null!];
        }

        private static Delegate Getter<T>(DataViewRow row, DataViewSchema.Column column) => row.GetGetter<T>(column);

        public Func<int, bool> InputDependencies(Func<int, bool> activeOutput) => column => activeOutput(0) && column == _input.Index;
    }
}
