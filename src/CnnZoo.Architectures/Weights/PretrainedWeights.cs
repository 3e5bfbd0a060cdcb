using static TorchSharp.torch;

namespace CnnZoo.Architectures.Weights;

/// <summary>
/// Starting weights for transfer learning: a state dict for a zoo architecture that <see cref="LoadBackbone"/> puts into
/// a model with a new head, and the input normalisation the weights were trained with.
/// </summary>
public abstract class PretrainedWeights
{
    /// <summary>Where the weights come from, for messages and logs.</summary>
    public abstract string Description { get; }

    /// <summary>The pixel normalisation the weights expect (raw 0–255 scale, RGB order); null when the data's own statistics should be used.</summary>
    public virtual InputNormalization? Normalization => null;

    /// <summary>Reads the weights; the caller disposes the state dict.</summary>
    protected abstract StateDict Read();

    /// <summary>Weights in a file: safetensors, TorchSharp's format or a PyTorch state dict, keyed as the zoo (and torchvision) name them.</summary>
    public static PretrainedWeights FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new FileWeights(Path.GetFullPath(path));
    }

    /// <summary>
    /// Loads every backbone tensor of <paramref name="model"/> from these weights and leaves its head
    /// (<see cref="CnnModel.HeadKeys"/>) as initialised. Strict for the backbone: a missing, unexpected or mis-shaped
    /// backbone key throws <see cref="StateDictMismatchException"/> and nothing is loaded; the source's own head is
    /// ignored. A first convolution trained on 3 channels loads into a 1-channel model summed over its input channels
    /// (a grey image then gives the response of that image repeated in R, G and B).
    /// </summary>
    /// <returns>What was loaded; the head keys are reported as missing.</returns>
    public LoadResult LoadBackbone(CnnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var source = Read();
        using var scope = NewDisposeScope();
        var head = model.HeadKeys.ToHashSet(StringComparer.Ordinal);
        var target = model.state_dict();
        var backbone = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, tensor) in source)
        {
            if (head.Contains(key)) continue;
            backbone[key] = target.TryGetValue(key, out var into) && IsColourIntoGrey(tensor, into) ? tensor.sum(1, keepdim: true) : tensor;
        }
        var missing = target.Keys.Where(k => !head.Contains(k) && !backbone.ContainsKey(k)).Select(k => (k, target[k].shape)).ToList();
        var unexpected = backbone.Where(s => !target.ContainsKey(s.Key)).Select(s => (s.Key, s.Value.shape)).ToList();
        var mismatched = backbone.Where(s => target.TryGetValue(s.Key, out var t) && !t.shape.SequenceEqual(s.Value.shape))
            .Select(s => new ShapeMismatch(s.Key, target[s.Key].shape, s.Value.shape)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0 || mismatched.Count > 0)
            throw new StateDictMismatchException(missing, unexpected, mismatched, $"{Description} do not fit '{model.Spec.Name}'");
        return model.LoadStateDict(backbone, strict: false);
    }

    // [O, 3, k, k] weights for a [O, 1, k, k] convolution.
    private static bool IsColourIntoGrey(Tensor source, Tensor target) =>
        source.dim() == 4 && target.dim() == 4 && source.shape[1] == 3 && target.shape[1] == 1
        && source.shape[0] == target.shape[0] && source.shape[2] == target.shape[2] && source.shape[3] == target.shape[3];

    private sealed class FileWeights(string path) : PretrainedWeights
    {
        public override string Description => $"the weights in '{path}'";
        protected override StateDict Read() => StateDictFile.Read(path);
    }
}

/// <summary>Per-channel mean and standard deviation in the raw 0–255 pixel scale, RGB order: the model sees <c>(x − mean) / std</c>.</summary>
/// <param name="Mean">Mean per channel.</param>
/// <param name="Std">Standard deviation per channel (positive).</param>
public sealed record InputNormalization(IReadOnlyList<double> Mean, IReadOnlyList<double> Std);
