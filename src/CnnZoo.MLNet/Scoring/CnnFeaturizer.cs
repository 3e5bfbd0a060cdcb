using CnnZoo.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

[assembly: LoadableClass(typeof(CnnFeaturizer), null, typeof(SignatureLoadModel), CnnFeaturizer.UserName, CnnFeaturizer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(CnnFeaturizer), null, typeof(SignatureLoadRowMapper), CnnFeaturizer.UserName, CnnFeaturizer.LoaderSignature)]

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
    internal const string LoaderSignature = "CnnZooFeaturizer";
    internal const string UserName = "CnnZoo CNN featurizer";

    internal CnnFeaturizer(IHostEnvironment env, TrainedNetwork network, string outputColumnName, int scoringBatchSize = 64)
        : base(Contracts.CheckRef(env, nameof(env)).Register(nameof(CnnFeaturizer)), network, scoringBatchSize)
        => OutputColumnName = outputColumnName;

    /// <summary>Name of the features column.</summary>
    public string OutputColumnName { get; }

    internal override int OutputWidth => Network.NumFeatures;
    private protected override bool OutputsFeatures => true;

    internal override DataViewSchema.DetachedColumn[] OutputColumns(DataViewSchema inputSchema) =>
        [new DataViewSchema.DetachedColumn(OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, OutputWidth))];

    internal override Delegate MakeGetter(int outputIndex, DataViewRow input, BatchScorer scorer) => OutputVectorGetter(scorer);

    private static VersionInfo GetVersionInfo() => new(
        modelSignature: "CNNZOOFT",
        verWrittenCur: 0x00010001,
        verReadableCur: 0x00010001,
        verWeCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature,
        loaderAssemblyName: typeof(CnnFeaturizer).Assembly.FullName);

    /// <inheritdoc />
    public override void SaveModel(ModelSaveContext ctx)
    {
        Host.CheckValue(ctx, nameof(ctx));
        ctx.CheckAtModel();
        ctx.SetVersionInfo(GetVersionInfo());
        ctx.SaveNonEmptyString(OutputColumnName);
        ctx.Writer.Write(ScoringBatchSize);
        ModelFile.SaveNetwork(ctx, Network);
    }

    private static CnnFeaturizer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        Contracts.CheckValue(env, nameof(env));
        ctx.CheckAtModel(GetVersionInfo());
        var output = ctx.LoadNonEmptyString();
        var batch = ctx.Reader.ReadInt32();
        return new CnnFeaturizer(env, ModelFile.LoadNetwork(env, ctx, "the model file"), output, batch);
    }

    private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema)
        => Create(env, ctx).MakeRowMapper(inputSchema);
}
