using CnnZoo.MLNet.Bridge;
using CnnZoo.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Scoring;

/// <summary>
/// Estimator for <see cref="CnnFeaturizer"/>: nothing to learn, it wraps a trained CNN or pretrained weights. Create it
/// with <c>mlContext.Transforms.CnnFeaturize(trainedCnn, "Embedding")</c> or
/// <c>mlContext.Transforms.CnnFeaturize("resnet18_mlnet", MlNetResNet18.Weights())</c> and append it to a pipeline like
/// any transform. Each <see cref="Fit"/> returns a featurizer with its own copy of the network.
/// </summary>
public sealed class CnnFeaturizerEstimator : IEstimator<CnnFeaturizer>
{
    private readonly IHostEnvironment _env;
    private readonly string _inputColumnName;
    private readonly Func<DataViewSchema, TrainedNetwork> _network;
    private readonly int _scoringBatchSize;

    internal CnnFeaturizerEstimator(IHostEnvironment env, CnnTransformer trained, string outputColumnName)
        : this(env, trained.Input.Name, _ => trained.Network.Copy(), outputColumnName, trained.ScoringBatchSize) { }

    internal CnnFeaturizerEstimator(IHostEnvironment env, string inputColumnName, Func<DataViewSchema, TrainedNetwork> network, string outputColumnName, int scoringBatchSize)
    {
        (_env, _inputColumnName, _network, OutputColumnName, _scoringBatchSize) = (env, inputColumnName, network, outputColumnName, scoringBatchSize);
    }

    /// <summary>Name of the features column.</summary>
    public string OutputColumnName { get; }

    /// <summary>Returns a featurizer over its own copy of the network.</summary>
    public CnnFeaturizer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShapes.Of(input.Schema));
        return new CnnFeaturizer(_env, _network(input.Schema), OutputColumnName, _scoringBatchSize);
    }

    /// <summary>The input schema plus the <c>Vector&lt;Single, F&gt;</c> features column.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ImageColumnInfo.CheckShape(inputSchema, _inputColumnName);
        return SchemaShapes.With(inputSchema, SchemaShapes.Column(OutputColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false));
    }
}
