using CnnZoo.MLNet.Internal.MlNetBridge;
using CnnZoo.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

[assembly: LoadableClass(typeof(CnnTransformer), null, typeof(SignatureLoadModel), CnnTransformer.UserName, CnnTransformer.LoaderSignature)]
[assembly: LoadableClass(typeof(IRowMapper), typeof(CnnTransformer), null, typeof(SignatureLoadRowMapper), CnnTransformer.UserName, CnnTransformer.LoaderSignature)]

namespace CnnZoo.MLNet.Scoring;

/// <summary>
/// A trained CNN classifier: the output of <c>MulticlassClassification.Trainers.Cnn(...)</c>. Adds the multiclass
/// columns ML.NET's evaluators, <c>MapKeyToValue</c> and <c>PredictionEngine</c> expect. Rows are scored in batches.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and meaning</description></listheader>
/// <item><term>input: feature column</term><description>The column the model was trained on: <c>Vector&lt;Single, C, H, W&gt;</c>, <c>Image</c>, <c>VarVector&lt;Byte&gt;</c> of encoded images, or a flat vector of planar C×S×S pixels.</description></item>
/// <item><term>output: <c>Score</c></term><description><c>Vector&lt;Single, K&gt;</c>: class probabilities, with SlotNames = the label values.</description></item>
/// <item><term>output: <c>PredictedLabel</c></term><description>Key with the label's KeyValues: the most probable class.</description></item>
/// </list>
/// The transformer owns a TorchSharp module: dispose it (or the model containing it) when done. It is safe to score
/// from several threads; forward passes are serialised. Like every disposable ML.NET transformer, it is disposed with a
/// <c>PredictionEngine</c> created with default options (ML.NET's <c>OwnsTransformer = true</c>); pass
/// <c>new PredictionEngineOptions { OwnsTransformer = false }</c> (as <c>PredictionEnginePool</c> does) to keep the model.
/// </remarks>
public sealed class CnnTransformer : CnnTransformerBase
{
    internal const string LoaderSignature = "CnnZooClassifier";
    internal const string UserName = "CnnZoo CNN classifier";

    private readonly DataViewSchema.DetachedColumn _label;

    internal CnnTransformer(IHostEnvironment env, TrainedNetwork network, DataViewSchema.DetachedColumn label, string scoreColumnName, string predictedLabelColumnName, int scoringBatchSize = 64)
        : base(Contracts.CheckRef(env, nameof(env)).Register(nameof(CnnTransformer)), network, scoringBatchSize)
    {
        _label = label;
        ScoreColumnName = scoreColumnName;
        PredictedLabelColumnName = predictedLabelColumnName;
    }

    /// <summary>Name of the label column the model was trained on.</summary>
    public string LabelColumnName => _label.Name;
    /// <summary>Name of the probability-vector column.</summary>
    public string ScoreColumnName { get; }
    /// <summary>Name of the predicted-key column.</summary>
    public string PredictedLabelColumnName { get; }
    /// <summary>Number of classes.</summary>
    public int NumClasses => Network.NumClasses;

    /// <summary>How training went (epochs, stop reason, per-epoch metrics); null for a model loaded from a file.</summary>
    public CnnZoo.MLNet.Training.TrainingResult? TrainingResult { get; internal init; }

    internal DataViewSchema.DetachedColumn LabelColumn => _label;
    internal override int OutputWidth => Network.NumClasses;
    private protected override bool OutputsFeatures => false;

    internal override DataViewSchema.DetachedColumn[] OutputColumns(DataViewSchema inputSchema)
    {
        var keyValuesColumn = _label.Annotations.Schema[AnnotationUtils.Kinds.KeyValues];
        var keyValuesType = (VectorDataViewType)keyValuesColumn.Type;
        var keyValues = (Delegate)GenericDispatch.Invoke(typeof(CnnTransformer), nameof(KeyValuesGetter), keyValuesType.ItemType.RawType, _label)!;

        var score = new DataViewSchema.Annotations.Builder();
        score.Add(AnnotationUtils.Kinds.ScoreColumnKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = AnnotationUtils.Const.ScoreColumnKind.MulticlassClassification.AsMemory());
        var setId = inputSchema.GetMaxAnnotationKind(out _, AnnotationUtils.Kinds.ScoreColumnSetId) + 1;
        score.Add(AnnotationUtils.Kinds.ScoreColumnSetId, AnnotationUtils.ScoreColumnSetIdType, (ref uint v) => v = setId);
        score.Add(AnnotationUtils.Kinds.ScoreValueKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = AnnotationUtils.Const.ScoreValueKind.Score.AsMemory());
        score.Add(AnnotationUtils.Kinds.TrainingLabelValues, keyValuesType, keyValues);
        score.Add(AnnotationUtils.Kinds.SlotNames, keyValuesType, keyValues);

        var predicted = new DataViewSchema.Annotations.Builder();
        predicted.Add(AnnotationUtils.Kinds.KeyValues, keyValuesType, keyValues);
        predicted.Add(AnnotationUtils.Kinds.ScoreColumnKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = AnnotationUtils.Const.ScoreColumnKind.MulticlassClassification.AsMemory());
        predicted.Add(AnnotationUtils.Kinds.ScoreColumnSetId, AnnotationUtils.ScoreColumnSetIdType, (ref uint v) => v = setId);
        predicted.Add(AnnotationUtils.Kinds.ScoreValueKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = AnnotationUtils.Const.ScoreValueKind.PredictedLabel.AsMemory());

        return
        [
            new DataViewSchema.DetachedColumn(ScoreColumnName, new VectorDataViewType(NumberDataViewType.Single, NumClasses), score.ToAnnotations()),
            new DataViewSchema.DetachedColumn(PredictedLabelColumnName, new KeyDataViewType(typeof(uint), NumClasses), predicted.ToAnnotations()),
        ];
    }

    private static Delegate KeyValuesGetter<T>(DataViewSchema.DetachedColumn label) =>
        label.Annotations.GetGetter<VBuffer<T>>(label.Annotations.Schema[AnnotationUtils.Kinds.KeyValues]);

    internal override Delegate MakeGetter(int outputIndex, DataViewRow input, BatchScorer scorer) => outputIndex == 0
        ? OutputVectorGetter(scorer)
        : (ValueGetter<uint>)((ref uint dst) =>
        {
            var values = scorer.Current();
            var best = 0;
            for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
            dst = (uint)best + 1; // keys are 1-based; 0 means missing
        });

    private static VersionInfo GetVersionInfo() => new(
        modelSignature: "CNNZOOCL",
        verWrittenCur: 0x00010001,
        verReadableCur: 0x00010001,
        verWeCanReadBack: 0x00010001,
        loaderSignature: LoaderSignature,
        loaderAssemblyName: typeof(CnnTransformer).Assembly.FullName);

    /// <inheritdoc />
    public override void SaveModel(ModelSaveContext ctx)
    {
        Host.CheckValue(ctx, nameof(ctx));
        ctx.CheckAtModel();
        ctx.SetVersionInfo(GetVersionInfo());
        ctx.SaveNonEmptyString(_label.Name);
        ctx.SaveNonEmptyString(ScoreColumnName);
        ctx.SaveNonEmptyString(PredictedLabelColumnName);
        ctx.Writer.Write(ScoringBatchSize);
        ModelFile.SaveNetwork(ctx, Network);
        ModelFile.SaveKeyValues(Host, ctx, _label);
    }

    // SignatureLoadModel
    private static CnnTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        Contracts.CheckValue(env, nameof(env));
        ctx.CheckAtModel(GetVersionInfo());
        var source = "the model file";
        var labelName = ctx.LoadNonEmptyString();
        var scoreName = ctx.LoadNonEmptyString();
        var predictedName = ctx.LoadNonEmptyString();
        var batch = ctx.Reader.ReadInt32();
        var network = ModelFile.LoadNetwork(env, ctx, source);
        var label = ModelFile.LoadKeyValues(env, ctx, labelName, source);
        if (label.Type.GetKeyCount() != (ulong)network.NumClasses)
        {
            network.Dispose();
            throw ModelFile.Corrupt(source, $"its label has {label.Type.GetKeyCount()} values but the network {network.NumClasses} outputs");
        }
        return new CnnTransformer(env, network, label, scoreName, predictedName, batch);
    }

    // SignatureLoadRowMapper
    private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema)
        => Create(env, ctx).MakeRowMapper(inputSchema);
}
