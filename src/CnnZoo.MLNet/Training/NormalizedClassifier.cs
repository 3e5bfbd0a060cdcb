using CnnZoo.Architectures;
using CnnZoo.MLNet.Data;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// A zoo model with its input normalisation built in: <c>forward(x) = model((x − mean) / std)</c>, where <c>x</c> is in
/// the data's raw scale (0–255 for 8-bit images). What the trainer trains and the transformers score.
/// </summary>
/// <remarks>
/// state_dict keys: <c>normalization.mean</c> and <c>normalization.std</c> (float32 [C]) and the model's own keys
/// prefixed with <c>model.</c> (e.g. <c>model.layer1.0.conv1.weight</c>). TorchSharp lists parameters before buffers,
/// so the normalisation buffers come after the model's parameters.
/// </remarks>
public sealed class NormalizedClassifier : nn.Module<Tensor, Tensor>
{
    /// <summary>Prefix of the normalisation buffers' state_dict keys.</summary>
    public const string NormalizationPrefix = "normalization.";

    /// <summary>Prefix of the wrapped model's state_dict keys.</summary>
    public const string ModelPrefix = "model.";

    private readonly ChannelNormalization normalization;
    private readonly CnnModel model;

    /// <summary>Wraps <paramref name="model"/> (which it then owns) with the given statistics, placed on the model's device.</summary>
    /// <exception cref="ArgumentException">The statistics have a different channel count than the model's input.</exception>
    public NormalizedClassifier(CnnModel model, ChannelStatistics statistics) : base($"normalized_{model?.Spec.Name}")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(statistics);
        if (statistics.Channels != model.Options.InChannels)
            throw new ArgumentException($"'{model.Spec.Name}' takes {model.Options.InChannels} input channel(s), but the normalisation statistics have {statistics.Channels}.", nameof(statistics));
        var device = model.parameters().Select(p => p.device).FirstOrDefault() ?? model.Options.Device;
        normalization = new ChannelNormalization(statistics, device);
        this.model = model;
        // The names are the state_dict prefixes.
        register_module(nameof(normalization), normalization);
        register_module(nameof(model), model);
    }

    /// <summary>
    /// A wrapper with identity statistics (mean 0, std 1), for loading saved weights into: the loaded
    /// <c>normalization.*</c> buffers then replace them.
    /// </summary>
    public static NormalizedClassifier Untrained(CnnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new NormalizedClassifier(model, ChannelStatistics.Identity(model.Options.InChannels));
    }

    /// <summary>The wrapped zoo model.</summary>
    public CnnModel Model => model;

    /// <summary>The normalisation layer (its buffers hold the statistics).</summary>
    public ChannelNormalization Normalization => normalization;

    /// <summary>True when the model was built with auxiliary classifiers (see <see cref="ForwardWithAux"/>).</summary>
    public bool HasAuxClassifiers => model.HasAuxClassifiers;

    /// <summary>The model's training-loss weight of each auxiliary classifier, in the order <see cref="ForwardWithAux"/> returns them (GoogLeNet: 0.3, 0.3).</summary>
    public IReadOnlyList<double> AuxiliaryLossWeights => model.AuxiliaryLossWeights;

    /// <summary>The device the parameters are on.</summary>
    public Device Device => model.parameters().Select(p => p.device).FirstOrDefault() ?? model.Options.Device;

    /// <summary>Logits [N, classes] for raw-scale images [N, C, H, W].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return model.call(normalization.call(input)).MoveToOuterDisposeScope();
    }

    /// <summary>The model's pooled penultimate features [N, NumFeatures] for raw-scale images.</summary>
    public Tensor ForwardFeatures(Tensor input)
    {
        using var scope = NewDisposeScope();
        return model.ForwardFeatures(normalization.call(input)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Logits plus each auxiliary classifier's logits for raw-scale images (<see cref="CnnModel.ForwardWithAux"/>), for
    /// training with the auxiliary losses weighted by <see cref="AuxiliaryLossWeights"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has no auxiliary classifiers.</exception>
    public (Tensor Logits, IReadOnlyList<Tensor> Auxiliary) ForwardWithAux(Tensor input)
    {
        using var scope = NewDisposeScope();
        var (logits, auxiliary) = model.ForwardWithAux(normalization.call(input));
        return (logits.MoveToOuterDisposeScope(), auxiliary.Select(a => a.MoveToOuterDisposeScope()).ToArray());
    }
}
