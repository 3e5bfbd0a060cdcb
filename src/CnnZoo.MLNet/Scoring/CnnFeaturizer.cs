using CnnZoo.MLNet.Bridge.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Scoring;

/// <summary>
/// Outputs a trained CNN's penultimate features (<c>ForwardFeatures</c>: fc7 for AlexNet/VGG, the pooled vector for
/// GoogLeNet/ResNet) as a <c>Vector&lt;Single, F&gt;</c> column, to feed any ML.NET trainer (SDCA, LightGBM …).
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and meaning</description></listheader>
/// <item><term>input: feature column</term><description>The image column the CNN was trained on.</description></item>
/// <item><term>output</term><description><c>Vector&lt;Single, F&gt;</c>, F = the model's <c>NumFeatures</c>.</description></item>
/// </list>
/// Owns its own copy of the network: dispose it when done.
/// </remarks>
public sealed class CnnFeaturizer : CnnTransformerBase
{
    internal CnnFeaturizer(IHostEnvironment env, TrainedNetwork network, string outputColumnName, int scoringBatchSize = 64)
        : base(env, network, scoringBatchSize)
        => OutputColumnName = outputColumnName;

    /// <summary>Name of the features column.</summary>
    public string OutputColumnName { get; }

    internal override int OutputWidth => Network.NumFeatures;
    private protected override bool OutputsFeatures => true;

    private protected override ModelKind Kind => ModelKind.Featurizer;

    internal override DataViewSchema.DetachedColumn[] OutputColumns(DataViewSchema inputSchema) =>
        [new DataViewSchema.DetachedColumn(OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, OutputWidth))];

    internal override Delegate MakeGetter(int outputIndex, BatchScorer scorer) => OutputVectorGetter(scorer);

    private protected override void SaveModel(ModelWriter writer)
    {
        writer.WriteString(OutputColumnName);
        writer.Writer.Write(ScoringBatchSize);
        ModelFile.SaveNetwork(writer, Network);
    }

    internal static CnnFeaturizer Load(IHostEnvironment env, ModelReader reader)
    {
        var output = reader.ReadString();
        var batch = reader.Reader.ReadInt32();
        return new CnnFeaturizer(env, ModelFile.LoadNetwork(env, reader), output, batch);
    }
}
