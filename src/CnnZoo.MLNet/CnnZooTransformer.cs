using CnnZoo.MLNet.Bridge.Mapping;
using CnnZoo.MLNet.Bridge.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet;

/// <summary>
/// What every CnnZoo transformer shares: the <see cref="ITransformer"/> surface (output schema, lazy transform,
/// PredictionEngine rows, saving into ML.NET model files), run by ML.NET's own row-mapping machinery through the bridge.
/// </summary>
public abstract class CnnZooTransformer : ITransformer
{
    private readonly BridgedTransformer _bridge;

    private protected CnnZooTransformer(IHostEnvironment env)
    {
        var mapping = new Mapping(this);
        _bridge = new BridgedTransformer(env, this, mapping, mapping);
    }

    /// <summary>The ML.NET machinery behind this transformer (the bridge's row mapper and model-file entry).</summary>
    internal BridgedTransformer Bridge => _bridge;

    private protected abstract ModelKind Kind { get; }
    private protected abstract void SaveModel(ModelWriter writer);
    private protected abstract IBoundRowMapping Bind(DataViewSchema inputSchema, IDataView? source);

    /// <summary>The schema <see cref="Transform"/> produces from <paramref name="inputSchema"/>.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _bridge.GetOutputSchema(inputSchema);

    /// <summary>Transforms <paramref name="input"/> lazily, row by row as it is read.</summary>
    public virtual IDataView Transform(IDataView input) => _bridge.TransformWithSource(input);

    bool ITransformer.IsRowToRowMapper => true;

    IRowToRowMapper ITransformer.GetRowToRowMapper(DataViewSchema inputSchema) => ((ITransformer)_bridge).GetRowToRowMapper(inputSchema);

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_bridge).Save(ctx);

    // What the bridge calls back: kept off the public type, so the public API names nothing of the bridge.
    private sealed class Mapping(CnnZooTransformer owner) : IRowMapping, IPersistentModel
    {
        public ModelKind Kind => owner.Kind;
        public void Save(ModelWriter writer) => owner.SaveModel(writer);
        public IBoundRowMapping Bind(DataViewSchema inputSchema, IDataView? source) => owner.Bind(inputSchema, source);
    }
}
