using CnnZoo.Architectures.Weights;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Training;

/// <summary>A CPU copy of the best epoch's state dict, to put back at the end of a run.</summary>
internal sealed class BestWeights : IDisposable
{
    private IReadOnlyDictionary<string, Tensor>? _weights;

    public bool HasValue => _weights is not null;

    public void Capture(nn.Module model)
    {
        Clear();
        using var scope = NewDisposeScope();
        var copy = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in model.state_dict())
            copy[name] = tensor.detach().cpu().clone().DetachFromDisposeScope();
        _weights = copy;
    }

    /// <summary>Takes the weights from a checkpoint's weights file (when resuming).</summary>
    public void Load(string weightsFile)
    {
        Clear();
        _weights = StateDictFile.Read(weightsFile);
    }

    public void RestoreInto(nn.Module model)
    {
        if (_weights is null) throw new InvalidOperationException("No best weights were captured.");
        model.LoadStateDict(_weights, strict: true);
    }

    public void Dispose() => Clear();

    private void Clear()
    {
        if (_weights is IDisposable owner) owner.Dispose();
        else if (_weights is not null) foreach (var tensor in _weights.Values) tensor.Dispose();
        _weights = null;
    }
}
