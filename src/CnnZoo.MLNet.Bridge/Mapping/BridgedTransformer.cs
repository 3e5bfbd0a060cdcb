using CnnZoo.MLNet.Bridge.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Bridge.Mapping;

/// <summary>
/// ML.NET's row-to-row transformer machinery (schema propagation, lazy cursors, PredictionEngine rows, model files) for a
/// CnnZoo transform given as an <see cref="IRowMapping"/> and an <see cref="IPersistentModel"/>. The public CnnZoo
/// transformers hold one and forward <c>ITransformer</c> to it; their public types name nothing of the bridge.
/// </summary>
internal sealed class BridgedTransformer : RowToRowTransformerBase
{
    private readonly IRowMapping _mapping;
    private readonly IPersistentModel _model;

    public BridgedTransformer(IHostEnvironment env, ITransformer owner, IRowMapping mapping, IPersistentModel model)
        : base(MlNetEnvironment.Register(env, owner.GetType().Name))
    {
        (Owner, _mapping, _model) = (owner, mapping, model);
    }

    /// <summary>The public CnnZoo transformer this runs for (what a loaded model file hands to the app).</summary>
    public ITransformer Owner { get; }

    /// <summary>Transforms <paramref name="input"/> lazily; the mapping sees the view itself, so it can read ahead on it.</summary>
    public IDataView TransformWithSource(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new RowToRowMapperTransform(Host, input, new BoundRowMapper(Host, input.Schema, this, _mapping.Bind(input.Schema, input)), MakeRowMapper);
    }

    /// <inheritdoc />
    public override IRowMapper MakeRowMapper(DataViewSchema schema) => new BoundRowMapper(Host, schema, this, _mapping.Bind(schema, null));

    /// <inheritdoc />
    public override void SaveModel(ModelSaveContext ctx) => ModelPersistence.Save(Host, ctx, _model);

    private sealed class BoundRowMapper(IHost host, DataViewSchema inputSchema, BridgedTransformer owner, IBoundRowMapping bound)
        : MapperBase(host.Register(nameof(BoundRowMapper)), inputSchema, owner)
    {
        public override DataViewSchema.DetachedColumn[] GetOutputColumnsCore() => bound.OutputColumns;

        public override Delegate[] CreateGetters(DataViewRow input, Func<int, bool> activeOutput, out Action disposer)
        {
            var getters = bound.CreateGetters(input, activeOutput, out var free);
            disposer = free ?? (() => { });
            return getters;
        }

        public override Delegate MakeGetter(DataViewRow input, int iinfo, Func<int, bool> activeOutput, out Action disposer)
            => throw new NotSupportedException("Bridged mappers create their getters together in CreateGetters.");

        public override Func<int, bool> GetDependenciesCore(Func<int, bool> activeOutput) => bound.InputDependencies(activeOutput);

        public override void SaveModel(ModelSaveContext ctx) => owner.SaveModel(ctx);
    }
}
