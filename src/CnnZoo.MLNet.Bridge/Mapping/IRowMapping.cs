using Microsoft.ML;

namespace CnnZoo.MLNet.Bridge.Mapping;

/// <summary>
/// A CnnZoo transform described in public ML.NET types only: what the bridge needs to run it as an ML.NET row mapper
/// (<see cref="BridgedTransformer"/>).
/// </summary>
internal interface IRowMapping
{
    /// <summary>
    /// Binds the mapping to an input schema; throws an <see cref="ArgumentException"/> naming the column when the
    /// schema does not fit. <paramref name="source"/> is the data view being transformed when there is one (batched
    /// scoring reads ahead on it); null for single rows (PredictionEngine).
    /// </summary>
    IBoundRowMapping Bind(DataViewSchema inputSchema, IDataView? source);
}

/// <summary>A mapping bound to one input schema.</summary>
internal interface IBoundRowMapping
{
    /// <summary>The columns this mapping adds (or replaces, by name).</summary>
    DataViewSchema.DetachedColumn[] OutputColumns { get; }

    /// <summary>Which input columns (by index) the active outputs need.</summary>
    Func<int, bool> InputDependencies(Func<int, bool> activeOutput);

    /// <summary>Getters for the active outputs (null for inactive ones); <paramref name="disposer"/> frees per-cursor state.</summary>
    Delegate[] CreateGetters(DataViewRow input, Func<int, bool> activeOutput, out Action? disposer);
}
