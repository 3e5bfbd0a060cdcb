using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Weights;

/// <summary>
/// Loading and saving a module's parameters and persistent buffers (its <c>state_dict()</c>) by name,
/// with a report of what did not match instead of TorchSharp's all-or-nothing exception.
/// </summary>
public static class ModuleWeights
{
    /// <summary>
    /// Loads weights from a TorchSharp-format, safetensors or PyTorch <c>torch.save</c> file (<c>.pth</c>, detected from
    /// the content) into <paramref name="module"/>, on whatever device the module is on. Keys are torchvision's, so a
    /// torchvision state_dict loads into the zoo model of the same name. See <see cref="LoadStateDict"/> for the matching rules.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is truncated or corrupt, or a PyTorch file that is not a plain state_dict (nothing in it is run).</exception>
    /// <exception cref="StateDictMismatchException"><paramref name="strict"/> and the file does not match; nothing was loaded.</exception>
    public static LoadResult LoadWeights(this nn.Module module, string path, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var source = StateDictFile.Read(path);
        return module.LoadStateDict(source, strict);
    }

    /// <summary>
    /// Copies <paramref name="source"/> into the module's tensors of the same name, converting element type and device
    /// as needed (e.g. float64 into float32). Keys are compared with <c>module.state_dict()</c> first:
    /// when <paramref name="strict"/>, any missing, unexpected or shape-mismatched key throws and nothing is copied;
    /// otherwise the matching keys are copied and the rest reported. The caller keeps ownership of <paramref name="source"/>.
    /// </summary>
    /// <exception cref="StateDictMismatchException"><paramref name="strict"/> and the keys or shapes differ; nothing was loaded.</exception>
    public static LoadResult LoadStateDict(this nn.Module module, IReadOnlyDictionary<string, Tensor> source, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(source);
        var target = module.state_dict();

        var missing = target.Where(t => !source.ContainsKey(t.Key)).Select(t => (t.Key, t.Value.shape)).ToList();
        var unexpected = source.Where(s => !target.ContainsKey(s.Key)).Select(s => (s.Key, s.Value.shape)).ToList();
        var mismatched = new List<ShapeMismatch>();
        var matching = new List<(Tensor Target, Tensor Source)>();
        foreach (var (key, targetTensor) in target)
        {
            if (!source.TryGetValue(key, out var sourceTensor)) continue;
            if (targetTensor.shape.SequenceEqual(sourceTensor.shape)) matching.Add((targetTensor, sourceTensor));
            else mismatched.Add(new ShapeMismatch(key, targetTensor.shape, sourceTensor.shape));
        }

        // All checks come before the first copy, so a failed strict load leaves the module untouched.
        if (strict && (missing.Count > 0 || unexpected.Count > 0 || mismatched.Count > 0))
            throw new StateDictMismatchException(missing, unexpected, mismatched);

        using (no_grad())
        {
            foreach (var (targetTensor, sourceTensor) in matching)
                targetTensor.copy_(sourceTensor); // copy_ converts dtype and device and returns the target itself
        }
        return new LoadResult(
            missing.Select(m => m.Key).ToArray(),
            unexpected.Select(u => u.Key).ToArray(),
            mismatched,
            matching.Count);
    }

    /// <summary>
    /// Saves the module's state dict, in its key order, in the format the extension asks for:
    /// <c>.safetensors</c> → safetensors, anything else → TorchSharp's format (readable by <c>Module.load</c>).
    /// The file is replaced atomically.
    /// </summary>
    public static void SaveWeights(this nn.Module module, string path) =>
        module.SaveWeights(path, StateDictFile.FormatFromExtension(path));

    /// <summary>Saves the module's state dict, in its key order, in the given <paramref name="format"/>; the file is replaced atomically.</summary>
    public static void SaveWeights(this nn.Module module, string path, WeightsFormat format)
    {
        ArgumentNullException.ThrowIfNull(module);
        StateDictFile.Write(module.state_dict(), path, format);
    }
}
