using CnnZoo.Architectures;
using CnnZoo.Architectures.Inference;
using CnnZoo.Architectures.Weights;
using CnnZoo.MLNet.Data;
using CnnZoo.MLNet.Training;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Scoring;

/// <summary>
/// A trained network as the transformers hold it: the zoo model with its normalisation, the input layout it was trained
/// on, and the device. Forward calls are serialised by a lock, so one transformer can be used from several threads.
/// Scoring runs a copy with BatchNorm folded into the convolutions (<see cref="FusedInference"/>), made at the first
/// call; the trained module, which is what is saved, is never changed by it.
/// </summary>
internal sealed class TrainedNetwork : IDisposable
{
    private readonly Lock _gate = new();
    private CnnModel? _fused; // the folded inference copy, made lazily; dropped when the weights change
    private bool _foldBatchNorm = true;

    /// <param name="module">The trained network, which this object then owns.</param>
    /// <param name="input">The input layout it was trained on.</param>
    /// <param name="device">Where it runs.</param>
    /// <param name="layout">Memory layout to score in; <see cref="MemoryLayout.Auto"/> (default) takes the architecture's preferred one.</param>
    public TrainedNetwork(NormalizedClassifier module, ImageColumnInfo input, Device device, MemoryLayout layout = MemoryLayout.Auto)
    {
        Module = module;
        Input = input;
        Device = device;
        Module.UseLayout(layout);
        Module.eval();
    }

    public NormalizedClassifier Module { get; }
    public CnnModel Model => Module.Model;
    public string Architecture => Model.Spec.Name;
    public int NumClasses => Model.NumClasses;
    public int NumFeatures => Model.NumFeatures;
    public ImageColumnInfo Input { get; }
    public Device Device { get; }

    /// <summary>Score with the folded copy (default) or the trained module; setting it drops the copy, so a later call folds the current weights.</summary>
    public bool FoldBatchNorm
    {
        get => _foldBatchNorm;
        set { lock (_gate) { _foldBatchNorm = value; DropFused(); } }
    }

    /// <summary>The memory layout scoring runs in; setting it moves the weights (values unchanged) and drops the folded copy.</summary>
    public MemoryLayout Layout
    {
        get => Module.MemoryLayout;
        set { lock (_gate) { Module.UseLayout(value); DropFused(); } }
    }

    /// <summary>
    /// A CPU float32 tensor [<paramref name="capacity"/>, C, H, W] for a caller to fill with raw-scale images (through
    /// <see cref="Pixels"/>) and pass to <see cref="Run"/>; the caller owns and disposes it.
    /// </summary>
    public Tensor NewInputBatch(int capacity)
        => empty([capacity, Input.Channels, Input.Height, Input.Width]).DetachFromDisposeScope(); // not freed by a caller's scope

    /// <summary>The values of a CPU float32 tensor from <see cref="NewInputBatch"/>, to write images into directly.</summary>
    public static Span<float> Pixels(Tensor inputBatch) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(inputBatch.bytes);

    /// <summary>Runs the first <paramref name="count"/> images of <paramref name="inputBatch"/>; returns [N, outputs] as floats: probabilities or features.</summary>
    public float[] Run(Tensor inputBatch, int count, bool features)
    {
        lock (_gate)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var batch = inputBatch.narrow(0, 0, count).to(Device);
            var output = _foldBatchNorm ? RunFused(batch, features)
                : features ? Module.ForwardFeatures(batch) : nn.functional.softmax(Module.call(batch), 1);
            return output.cpu().data<float>().ToArray();
        }
    }

    // The same computation as NormalizedClassifier's forward, through the folded copy of the model.
    private Tensor RunFused(Tensor batch, bool features)
    {
        _fused ??= FusedInference.Create(Model);
        var normalized = Module.Normalization.call(batch);
        return features ? _fused.ForwardFeatures(normalized) : nn.functional.softmax(_fused.call(normalized), 1);
    }

    private void DropFused()
    {
        _fused?.Dispose();
        _fused = null;
    }

    /// <summary>Runs one raw-scale image [C·H·W] through a tensor that lives only for the call.</summary>
    public float[] RunOne(ReadOnlySpan<float> pixels, bool features)
    {
        using var input = NewInputBatch(1);
        pixels.CopyTo(Pixels(input));
        return Run(input, 1, features);
    }

    /// <summary>The weights as safetensors bytes (plain tensors only: nothing that executes on load).</summary>
    public byte[] SaveWeights()
    {
        using var stream = new MemoryStream();
        StateDictFile.WriteSafetensors(Module.state_dict(), stream);
        return stream.ToArray();
    }

    /// <summary>Loads safetensors bytes strictly; a truncated or tampered payload gives a clear InvalidDataException.</summary>
    public void LoadWeights(byte[] safetensors, string source)
    {
        using var stream = new MemoryStream(safetensors, writable: false);
        using var weights = StateDictFile.ReadSafetensors(stream, source);
        lock (_gate)
        {
            Module.LoadStateDict(weights, strict: true);
            DropFused();
        }
    }

    /// <summary>An independent copy (same weights and normalisation) for another transformer to own.</summary>
    public TrainedNetwork Copy()
    {
        var options = Model.Options;
        var model = ModelZoo.Create(Architecture, new ModelOptions
        {
            NumClasses = options.NumClasses, InChannels = options.InChannels, InputSize = options.InputSize,
            Dropout = options.Dropout, AuxClassifiers = options.AuxClassifiers, Device = Device,
        });
        var copy = new TrainedNetwork(NormalizedClassifier.Untrained(model), Input, Device, Layout) { FoldBatchNorm = FoldBatchNorm };
        lock (_gate) copy.Module.LoadStateDict(Module.state_dict(), strict: true);
        return copy;
    }

    public void Dispose()
    {
        DropFused();
        Module.Dispose();
    }
}
