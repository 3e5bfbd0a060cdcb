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

    /// <summary>The memory layout of the model's weights and of the normalised batches it is fed (<see cref="UseLayout"/>).</summary>
    public MemoryLayout MemoryLayout => model.MemoryLayout;

    /// <summary>
    /// Moves the model's weights into <paramref name="layout"/> (<see cref="MemoryLayout.Auto"/>: the architecture's
    /// <see cref="ModelSpec.PreferredLayout"/>) and has the normalisation hand it batches in the same layout; returns the
    /// layout used. Outputs are unchanged within float rounding. Call before creating an optimiser.
    /// </summary>
    public MemoryLayout UseLayout(MemoryLayout layout)
    {
        var resolved = model.UseLayout(layout);
        normalization.ChannelsLastOutput = resolved == MemoryLayout.ChannelsLast;
        return resolved;
    }

    /// <summary>The device the parameters are on.</summary>
    public Device Device => model.parameters().Select(p => p.device).FirstOrDefault() ?? model.Options.Device;

    /// <summary>
    /// Sets up fine-tuning: the parameters before <see cref="FineTuning.Train"/>'s first block (all but the head for
    /// <see cref="TrainableLayers.Head"/>) stop requiring gradients, and with <see cref="FineTuning.FreezeBatchNormStatistics"/>
    /// the backbone's BatchNorm layers (always those of frozen blocks) stay in evaluation mode when the network trains.
    /// </summary>
    /// <exception cref="ArgumentException">The first block is not one of the model's <see cref="CnnModel.Blocks"/>.</exception>
    internal void PrepareFineTuning(FineTuning fineTune)
    {
        var blocks = model.Blocks;
        var first = fineTune.Train.FirstBlock;
        if (first is not null && !blocks.Contains(first))
            throw new ArgumentException($"FineTune.Train names block '{first}', which '{model.Spec.Name}' does not have; its blocks are {string.Join(", ", blocks)}.", nameof(fineTune));
        var head = model.HeadKeys.ToHashSet(StringComparer.Ordinal);
        var frozenBlocks = fineTune.Train.HeadOnly ? blocks.ToHashSet() : first is null ? [] : blocks.TakeWhile(b => b != first).ToHashSet();
        foreach (var (name, parameter) in model.named_parameters())
            parameter.requires_grad = head.Contains(name) || !frozenBlocks.Contains(name.Split('.')[0]);
        // Frozen blocks keep their statistics too, so that nothing of a frozen block changes.
        _frozenBatchNorm = model.named_modules()
            .Where(m => m.module is TorchSharp.Modules.BatchNorm && !head.Any(h => h.StartsWith(m.name + ".", StringComparison.Ordinal)))
            .Where(m => fineTune.FreezeBatchNormStatistics || frozenBlocks.Contains(m.name.Split('.')[0]))
            .Select(m => m.module).ToArray();
    }

    private nn.Module[] _frozenBatchNorm = [];

    /// <summary>Training mode, except for the BatchNorm layers fine-tuning keeps at their pretrained statistics.</summary>
    public override void train(bool on = true)
    {
        base.train(on);
        if (on) foreach (var batchNorm in _frozenBatchNorm) batchNorm.eval();
    }

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
