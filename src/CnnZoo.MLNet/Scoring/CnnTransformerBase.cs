using CnnZoo.MLNet.Bridge.Mapping;
using CnnZoo.MLNet.Bridge.Persistence;
using CnnZoo.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Scoring;

/// <summary>
/// What the classifier and the featurizer share: the trained network, batched scoring, model files and disposal. It
/// owns the TorchSharp module; dispose the transformer (or the model that contains it) to free it.
/// </summary>
public abstract class CnnTransformerBase : CnnZooTransformer, IDisposable
{
    private bool _disposed;

    private protected CnnTransformerBase(IHostEnvironment env, TrainedNetwork network, int scoringBatchSize) : base(env)
    {
        Network = network;
        ScoringBatchSize = scoringBatchSize;
    }

    internal TrainedNetwork Network { get; }

    /// <summary>Registry name of the architecture (e.g. <c>lenet5</c>).</summary>
    public string Architecture => Network.Architecture;

    /// <summary>The feature column the model reads, and the [C, H, W] it expects.</summary>
    public ImageColumnInfo Input => Network.Input;

    /// <summary>Rows scored per forward pass when transforming a data view (default 64).</summary>
    public int ScoringBatchSize { get; }

    /// <summary>
    /// Score with an inference copy of the network that has each BatchNorm folded into the convolution before it
    /// (<see cref="CnnZoo.Architectures.Inference.FusedInference"/>; default <c>true</c>): the same outputs to float
    /// rounding, one pass fewer over every feature map. The copy is made at the first scoring; the trained weights, which
    /// <see cref="Model"/> holds and the model file saves, are not changed. Not saved: a loaded model folds again. Setting
    /// it drops the copy, so set it again after changing <see cref="Model"/>'s weights in place.
    /// </summary>
    public bool FoldBatchNorm
    {
        get => Network.FoldBatchNorm;
        set => Network.FoldBatchNorm = value;
    }

    /// <summary>
    /// The memory layout scoring runs in: <see cref="CnnZoo.Architectures.MemoryLayout.ChannelsLast"/> (NHWC) or
    /// <see cref="CnnZoo.Architectures.MemoryLayout.ChannelsFirst"/> (NCHW). Default: the layout it was trained in, or for a
    /// loaded model the architecture's <see cref="CnnZoo.Architectures.ModelSpec.PreferredLayout"/>. Outputs are equal
    /// within float rounding; only the speed differs. Setting <see cref="CnnZoo.Architectures.MemoryLayout.Auto"/> picks
    /// the preferred one. Not saved.
    /// </summary>
    public CnnZoo.Architectures.MemoryLayout MemoryLayout
    {
        get => Network.Layout;
        set => Network.Layout = value;
    }

    /// <summary>The zoo model (for inspection, e.g. <c>ModelSummary.Of(transformer.Model)</c>). Owned by this transformer.</summary>
    public CnnZoo.Architectures.CnnModel Model => Network.Model;

    /// <summary>
    /// This model's network as starting weights for another task (<c>CnnTrainer.Options.Pretrained</c>): everything but its
    /// head, with the input normalisation it was trained with. The weights are read when training starts.
    /// </summary>
    public CnnZoo.Architectures.Weights.PretrainedWeights AsPretrainedWeights() => new TrainedModelWeights(this);

    internal abstract int OutputWidth { get; }
    private protected abstract bool OutputsFeatures { get; }
    internal abstract DataViewSchema.DetachedColumn[] OutputColumns(DataViewSchema inputSchema);
    internal abstract Delegate MakeGetter(int outputIndex, BatchScorer scorer);

    /// <summary>A getter copying the current row's output vector (probabilities or features) into the caller's buffer.</summary>
    private protected static ValueGetter<VBuffer<float>> OutputVectorGetter(BatchScorer scorer) => (ref VBuffer<float> dst) =>
    {
        var values = scorer.Current();
        var editor = VBufferEditor.Create(ref dst, values.Length);
        values.CopyTo(editor.Values);
        dst = editor.Commit();
    };

    internal float[] Run(torch.Tensor inputBatch, int count)
    {
        ThrowIfDisposed();
        return Network.Run(inputBatch, count, OutputsFeatures);
    }

    internal float[] RunOne(ReadOnlySpan<float> pixels)
    {
        ThrowIfDisposed();
        return Network.RunOne(pixels, OutputsFeatures);
    }

    private protected void ThrowIfDisposed()
    {
        if (_disposed)
            throw new ObjectDisposedException(GetType().Name, $"This {Architecture} {GetType().Name} was disposed, which freed its network. " +
                "Note that a PredictionEngine created with default options disposes its model when it is disposed; create it with " +
                "new PredictionEngineOptions { OwnsTransformer = false } to keep using the model.");
    }

    /// <summary>Scores <paramref name="input"/> lazily, batching rows inside the mapper.</summary>
    public override IDataView Transform(IDataView input) => new SingleCursorView(base.Transform(input));

    private protected override IBoundRowMapping Bind(DataViewSchema inputSchema, IDataView? source) => new CnnMapper(this, inputSchema, source);

    /// <summary>Frees the TorchSharp module.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Network.Dispose();
        GC.SuppressFinalize(this);
    }
}
