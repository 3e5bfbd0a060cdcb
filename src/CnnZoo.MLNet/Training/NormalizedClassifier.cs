using CnnZoo.Architectures;
using CnnZoo.Architectures.Models;
using CnnZoo.MLNet.Data;
using TorchSharp;
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

    /// <summary>True when the model is a GoogLeNet built with auxiliary classifiers (see <see cref="ForwardWithAux"/>).</summary>
    public bool HasAuxClassifiers => model is GoogLeNet { HasAuxClassifiers: true };

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

    /// <summary>Logits plus GoogLeNet's two auxiliary logits, for training with the 0.3-weighted auxiliary losses.</summary>
    /// <exception cref="InvalidOperationException">The model has no auxiliary classifiers.</exception>
    public (Tensor Logits, Tensor Aux1, Tensor Aux2) ForwardWithAux(Tensor input)
    {
        if (model is not GoogLeNet { HasAuxClassifiers: true } googLeNet)
            throw new InvalidOperationException($"'{model.Spec.Name}' has no auxiliary classifiers; only GoogLeNet built with ModelOptions.AuxClassifiers = true has.");
        using var scope = NewDisposeScope();
        var (logits, aux1, aux2) = googLeNet.ForwardWithAux(normalization.call(input));
        return (logits.MoveToOuterDisposeScope(), aux1.MoveToOuterDisposeScope(), aux2.MoveToOuterDisposeScope());
    }
}
