using CnnZoo.MLNet.Bridge;
using CnnZoo.MLNet.Bridge.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

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
    private readonly DataViewSchema.DetachedColumn _label;

    internal CnnTransformer(IHostEnvironment env, TrainedNetwork network, DataViewSchema.DetachedColumn label, string scoreColumnName, string predictedLabelColumnName, int scoringBatchSize = 64)
        : base(env, network, scoringBatchSize)
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

    /// <summary>
    /// Writes this classifier as an ONNX model (opset 17) whose output equals the <c>Score</c> column: the graph takes the
    /// feature column's values as ML.NET delivers them ([N, C, H, W] float32, [N, H, W, C] for interleaved pixels; 0–255 for
    /// 8-bit images), applies the trainer's input normalisation, the network in eval mode and softmax, and outputs the class
    /// probabilities [N, classes]. The class names (the label's key values, in key order) are in the model's metadata as a
    /// JSON array under <c>cnnzoo.classes</c>, with the architecture and the input shape. Served without TorchSharp by ONNX
    /// Runtime or <c>ml.Transforms.ApplyOnnxModel(path)</c>. The file is written through a temporary file, so a failure never
    /// leaves half a model.
    /// </summary>
    /// <param name="path">The .onnx file to write (replaced if it exists).</param>
    /// <param name="options">Input and output names; null for the column names.</param>
    /// <exception cref="IOException">The file cannot be written; the message names the path.</exception>
    /// <exception cref="NotSupportedException">The network holds a module the exporter cannot convert; nothing is written.</exception>
    /// <exception cref="ObjectDisposedException">The transformer was disposed.</exception>
    public void ExportOnnx(string path, CnnOnnxExportOptions? options = null)
    {
        ThrowIfDisposed();
        CnnZoo.Onnx.Export.OnnxExport.Export(Model, path, TrainedOnnxExport.OptionsFor(this, options));
    }

    /// <summary>Writes this classifier as an ONNX model to <paramref name="destination"/>; see <see cref="ExportOnnx(string, CnnOnnxExportOptions?)"/>.</summary>
    /// <exception cref="NotSupportedException">The network holds a module the exporter cannot convert; nothing is written.</exception>
    /// <exception cref="ObjectDisposedException">The transformer was disposed.</exception>
    public void ExportOnnx(Stream destination, CnnOnnxExportOptions? options = null)
    {
        ThrowIfDisposed();
        CnnZoo.Onnx.Export.OnnxExport.Export(Model, destination, TrainedOnnxExport.OptionsFor(this, options));
    }

    internal DataViewSchema.DetachedColumn LabelColumn => _label;
    internal override int OutputWidth => Network.NumClasses;
    private protected override bool OutputsFeatures => false;

    private protected override ModelKind Kind => ModelKind.Classifier;

    internal override DataViewSchema.DetachedColumn[] OutputColumns(DataViewSchema inputSchema)
        => ScoreColumns.Multiclass(inputSchema, _label, ScoreColumnName, PredictedLabelColumnName, NumClasses);

    internal override Delegate MakeGetter(int outputIndex, BatchScorer scorer) => outputIndex == 0
        ? OutputVectorGetter(scorer)
        : (ValueGetter<uint>)((ref uint dst) =>
        {
            var values = scorer.Current();
            var best = 0;
            for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
            dst = (uint)best + 1; // keys are 1-based; 0 means missing
        });

    private protected override void SaveModel(ModelWriter writer)
    {
        writer.WriteString(_label.Name);
        writer.WriteString(ScoreColumnName);
        writer.WriteString(PredictedLabelColumnName);
        writer.Writer.Write(ScoringBatchSize);
        ModelFile.SaveNetwork(writer, Network);
        writer.WriteKeyValues(_label);
    }

    internal static CnnTransformer Load(IHostEnvironment env, ModelReader reader)
    {
        var labelName = reader.ReadString();
        var scoreName = reader.ReadString();
        var predictedName = reader.ReadString();
        var batch = reader.Reader.ReadInt32();
        var network = ModelFile.LoadNetwork(env, reader);
        try
        {
            var label = ModelFile.LoadKeyValues(reader, labelName);
            var labelValues = ((KeyDataViewType)label.Type).Count;
            if (labelValues != (ulong)network.NumClasses)
                throw ModelFile.Corrupt($"its label has {labelValues} values but the network {network.NumClasses} outputs");
            return new CnnTransformer(env, network, label, scoreName, predictedName, batch);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
