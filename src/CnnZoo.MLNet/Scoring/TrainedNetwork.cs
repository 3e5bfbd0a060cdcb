using CnnZoo.Architectures;
using CnnZoo.Architectures.Weights;
using CnnZoo.MLNet.Data;
using CnnZoo.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Scoring;

/// <summary>
/// A trained network as the transformers hold it: the zoo model with its normalisation, the input layout it was trained
/// on, and the device. Forward calls are serialised by a lock, so one transformer can be used from several threads.
/// </summary>
internal sealed class TrainedNetwork : IDisposable
{
    private readonly Lock _gate = new();

    public TrainedNetwork(NormalizedClassifier module, ImageColumnInfo input, Device device)
    {
        Module = module;
        Input = input;
        Device = device;
        Module.eval();
    }

    public NormalizedClassifier Module { get; }
    public CnnModel Model => Module.Model;
    public string Architecture => Model.Spec.Name;
    public int NumClasses => Model.NumClasses;
    public int NumFeatures => Model.NumFeatures;
    public ImageColumnInfo Input { get; }
    public Device Device { get; }

    /// <summary>Runs a batch of raw-scale images [N·C·H·W] and returns [N, outputs] as floats: probabilities or features.</summary>
    public float[] Run(ReadOnlySpan<float> pixels, int count, bool features)
    {
        lock (_gate)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var batch = empty([count, Input.Channels, Input.Height, Input.Width]);
            // The setter only reads the span; TorchSharp types it as writable.
            var source = System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels[..(count * Input.Length)]);
            batch.bytes = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(source), source.Length);
            batch = batch.to(Device);
            var output = features ? Module.ForwardFeatures(batch) : nn.functional.softmax(Module.call(batch), 1);
            return output.cpu().data<float>().ToArray();
        }
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
        Module.LoadStateDict(weights, strict: true);
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
        var copy = new TrainedNetwork(NormalizedClassifier.Untrained(model), Input, Device);
        lock (_gate) copy.Module.LoadStateDict(Module.state_dict(), strict: true);
        return copy;
    }

    public void Dispose() => Module.Dispose();
}
