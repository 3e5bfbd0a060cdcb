using CnnZoo.MLNet.Augmentation;
using CnnZoo.MLNet.Internal.MlNetBridge;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

[assembly: LoadableClass(typeof(AugmentationTransformer), null, typeof(SignatureLoadModel), AugmentationTransformer.UserName, AugmentationTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(AugmentationTransformer), null, typeof(SignatureLoadRowMapper), AugmentationTransformer.UserName, AugmentationTransformer.LoaderSignature)]

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
public sealed class AugmentationTransformer : RowToRowTransformerBase
{
    /// <summary>Annotation kind that holds the policy's JSON on the augmented column.</summary>
    public const string AnnotationKind = "CnnZoo.Augmentation";
    internal const string LoaderSignature = "CnnZooAugmentation";
    internal const string UserName = "CnnZoo training-time augmentation";

    internal AugmentationTransformer(IHostEnvironment env, string columnName, AugmentationPolicy policy)
        : base(Contracts.CheckRef(env, nameof(env)).Register(nameof(AugmentationTransformer)))
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

    /// <inheritdoc />
    public override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(this, schema);

    private static VersionInfo GetVersionInfo() => new(
        modelSignature: "CNNZOOAU", verWrittenCur: 0x00010001, verReadableCur: 0x00010001, verWeCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature, loaderAssemblyName: typeof(AugmentationTransformer).Assembly.FullName);

    /// <inheritdoc />
    public override void SaveModel(ModelSaveContext ctx)
    {
        ctx.CheckAtModel();
        ctx.SetVersionInfo(GetVersionInfo());
        ctx.SaveNonEmptyString(ColumnName);
        ctx.SaveNonEmptyString(Policy.ToJson());
    }

    private static AugmentationTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        ctx.CheckAtModel(GetVersionInfo());
        var column = ctx.LoadNonEmptyString();
        return new AugmentationTransformer(env, column, AugmentationPolicy.FromJson(ctx.LoadNonEmptyString()));
    }

    private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema)
        => Create(env, ctx).MakeRowMapper(inputSchema);

    // Re-emits the column under its own name with the same type, annotations plus the policy, and a pass-through getter.
    private sealed class Mapper : MapperBase
    {
        private readonly AugmentationTransformer _owner;
        private readonly DataViewSchema.Column _input;

        public Mapper(AugmentationTransformer owner, DataViewSchema schema) : base(owner.Host.Register(nameof(Mapper)), schema, owner)
        {
            _owner = owner;
            _input = schema.GetColumnOrNull(owner.ColumnName)
                ?? throw new ArgumentOutOfRangeException(nameof(schema), owner.ColumnName, $"The column '{owner.ColumnName}' to augment is not in the data.");
        }

        public override DataViewSchema.DetachedColumn[] GetOutputColumnsCore()
        {
            var annotations = new DataViewSchema.Annotations.Builder();
            annotations.Add(_input.Annotations, kind => kind != AnnotationKind);
            var json = _owner.Policy.ToJson().AsMemory();
            annotations.Add(AnnotationKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = json);
            return [new DataViewSchema.DetachedColumn(_owner.ColumnName, _input.Type, annotations.ToAnnotations())];
        }

        public override Delegate MakeGetter(DataViewRow input, int iinfo, Func<int, bool> activeOutput, out Action? disposer)
        {
            disposer = null;
            return (Delegate)GenericDispatch.Invoke(typeof(Mapper), nameof(PassThrough), _input.Type.RawType, input, _input)!;
        }

        private static Delegate PassThrough<T>(DataViewRow row, DataViewSchema.Column column) => row.GetGetter<T>(column);

        public override Func<int, bool> GetDependenciesCore(Func<int, bool> activeOutput) => column => activeOutput(0) && column == _input.Index;

        public override void SaveModel(ModelSaveContext ctx) => _owner.SaveModel(ctx);
    }
}
