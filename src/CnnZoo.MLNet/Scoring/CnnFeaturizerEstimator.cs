using CnnZoo.MLNet.Bridge;
using CnnZoo.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Scoring;

/// <summary>
/// Estimator for <see cref="CnnFeaturizer"/>: nothing to learn, it wraps an already trained CNN. Create it with
/// <c>mlContext.Transforms.CnnFeaturize(trainedCnn, "Embedding")</c> and append it to a pipeline like any transform.
/// Each <see cref="Fit"/> returns a featurizer with its own copy of the network.
/// </summary>
public sealed class CnnFeaturizerEstimator : IEstimator<CnnFeaturizer>
{
    private readonly IHostEnvironment _env;
    private readonly CnnTransformer _trained;

    internal CnnFeaturizerEstimator(IHostEnvironment env, CnnTransformer trained, string outputColumnName)
    {
        (_env, _trained, OutputColumnName) = (env, trained, outputColumnName);
    }

    /// <summary>Name of the features column.</summary>
    public string OutputColumnName { get; }

    /// <summary>Returns a featurizer over a copy of the trained network.</summary>
    public CnnFeaturizer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShapes.Of(input.Schema));
        return new CnnFeaturizer(_env, _trained.Network.Copy(), OutputColumnName, _trained.ScoringBatchSize);
    }

    /// <summary>The input schema plus the <c>Vector&lt;Single, F&gt;</c> features column.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ImageColumnInfo.CheckShape(inputSchema, _trained.Input.Name);
        return SchemaShapes.With(inputSchema, SchemaShapes.Column(OutputColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false));
    }
}
