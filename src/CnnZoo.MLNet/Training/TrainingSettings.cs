using System.Security.Cryptography;
using System.Text;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// Everything that controls a training run of <see cref="TrainingEngine"/>. Defaults are SGD with momentum 0.9 at a
/// constant rate of 0.01; <see cref="TrainingPresets"/> has the papers' recipes. <see cref="Validate()"/> (called by the
/// engine) checks every value and names the option and its allowed range.
/// </summary>
public sealed record TrainingSettings
{
    /// <summary>Passes over the training data, at least 1. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>
    /// Images each epoch trains on, at least 1: the first this many of the epoch's shuffled order, so every epoch draws
    /// another random subset (from (<see cref="Seed"/>, epoch), as the shuffle). Steps per epoch, the schedule and
    /// warm-up follow these shorter epochs. <c>null</c> (the default), or more than the data holds: every image.
    /// </summary>
    public int? ImagesPerEpoch { get; init; }

    /// <summary>Images per mini-batch, at least 1. Default 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Base learning rate, greater than 0. Default 0.01.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>The optimiser. Default <see cref="OptimizerKind.Sgd"/>.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>SGD momentum, in [0, 1). Default 0.9.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>SGD only: Nesterov momentum (needs <see cref="Momentum"/> &gt; 0). Default false.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Weight decay, in [0, 1]: L2 for SGD and Adam, decoupled for AdamW. Default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Adam/AdamW β₁, in [0, 1). Default 0.9.</summary>
    public double AdamBeta1 { get; init; } = 0.9;

    /// <summary>Adam/AdamW β₂, in [0, 1). Default 0.999.</summary>
    public double AdamBeta2 { get; init; } = 0.999;

    /// <summary>Adam/AdamW ε, greater than 0. Default 1e-8.</summary>
    public double AdamEpsilon { get; init; } = 1e-8;

    /// <summary>How the rate changes over training. Default <see cref="LearningRateSchedule.Constant"/>.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>
    /// Epochs (fractions allowed) of linear warm-up at the start: the scheduled rate is scaled by (step + 1) / warm-up steps.
    /// In [0, <see cref="Epochs"/>]. Default 0 (none).
    /// </summary>
    public double WarmupEpochs { get; init; }

    /// <summary>Label smoothing of the training loss, in [0, 1). Default 0.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>
    /// Weight of every auxiliary loss, at least 0 (0 trains without the auxiliary heads), used when the model has auxiliary
    /// classifiers. Default <c>null</c>: each head's own weight, as the model declares it
    /// (<see cref="CnnZoo.Architectures.CnnModel.AuxiliaryLossWeights"/>; GoogLeNet's paper: 0.3).
    /// </summary>
    public double? AuxLossWeight { get; init; }

    /// <summary>
    /// Seed of the shuffling, the augmentation and dropout. The same seed (and the same initial weights) gives
    /// bit-identical weights on the CPU. Default 0.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>
    /// Stop when the monitored metric (validation accuracy, else training loss) has not improved for this many epochs;
    /// <c>null</c> (the default) never stops early. At least 1.
    /// </summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>Smallest change of the monitored metric that counts as an improvement, at least 0. Default 0.</summary>
    public double EarlyStoppingMinDelta { get; init; }

    /// <summary>At the end (also after early stopping or cancellation), put back the weights of the best epoch. Default true.</summary>
    public bool RestoreBestEpoch { get; init; } = true;

    /// <summary>Directory for a checkpoint after every epoch (created if needed); <c>null</c> (the default) writes none.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>
    /// When <see cref="CheckpointDirectory"/> holds a checkpoint, continue after its epoch (true, the default); when false,
    /// its checkpoints are deleted and training starts over.
    /// </summary>
    public bool ResumeFromCheckpoint { get; init; } = true;

    /// <summary>
    /// Fine-tuning of a pretrained network: which layers train, the backbone's rate, BatchNorm statistics. Default
    /// <c>null</c>: every layer trains at <see cref="LearningRate"/>, as from scratch.
    /// </summary>
    public FineTuning? FineTune { get; init; }

    /// <summary>Also report running metrics every this many steps within an epoch; 0 (the default) reports at epoch ends only.</summary>
    public int ReportEverySteps { get; init; }

    /// <summary>Checks every option; throws naming the option, the allowed range and the value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    /// <exception cref="ArgumentException">Options contradict each other (e.g. Nesterov without momentum).</exception>
    public void Validate() => Validate(SettingsChecks.Settings);

    /// <summary>As <see cref="Validate()"/>, naming the options as <paramref name="check"/>'s owner (e.g. CnnTrainer.Options).</summary>
    internal void Validate(SettingsChecks check)
    {
        check.AtLeast(nameof(Epochs), Epochs, 1);
        check.AtLeast(nameof(BatchSize), BatchSize, 1);
        if (ImagesPerEpoch is int imagesPerEpoch) check.AtLeast(nameof(ImagesPerEpoch), imagesPerEpoch, 1);
        check.Positive(nameof(LearningRate), LearningRate);
        if (!Enum.IsDefined(Optimizer))
            throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, $"{check.Name(nameof(Optimizer))} must be one of {string.Join(", ", Enum.GetNames<OptimizerKind>())}; got {(int)Optimizer}.");
        check.InRange(nameof(Momentum), Momentum, 0, 1, upperInclusive: false);
        if (Nesterov && (Optimizer != OptimizerKind.Sgd || Momentum <= 0))
            throw new ArgumentException($"{check.Name(nameof(Nesterov))} needs Optimizer = Sgd and Momentum > 0; got Optimizer = {Optimizer}, Momentum = {Momentum}.", nameof(Nesterov));
        check.InRange(nameof(WeightDecay), WeightDecay, 0, 1);
        check.InRange(nameof(AdamBeta1), AdamBeta1, 0, 1, upperInclusive: false);
        check.InRange(nameof(AdamBeta2), AdamBeta2, 0, 1, upperInclusive: false);
        check.Positive(nameof(AdamEpsilon), AdamEpsilon);
        if (Schedule is null) throw new ArgumentNullException(nameof(Schedule), $"{check.Name(nameof(Schedule))} must be set (LearningRateSchedule.Constant for none).");
        Schedule.Validate(check);
        check.InRange(nameof(WarmupEpochs), WarmupEpochs, 0, Epochs);
        check.InRange(nameof(LabelSmoothing), LabelSmoothing, 0, 1, upperInclusive: false);
        if (AuxLossWeight is double auxLossWeight) check.NonNegative(nameof(AuxLossWeight), auxLossWeight);
        if (EarlyStoppingPatience is int patience) check.AtLeast(nameof(EarlyStoppingPatience), patience, 1);
        check.NonNegative(nameof(EarlyStoppingMinDelta), EarlyStoppingMinDelta);
        if (CheckpointDirectory is not null && string.IsNullOrWhiteSpace(CheckpointDirectory))
            throw new ArgumentException($"{check.Name(nameof(CheckpointDirectory))} must be null (no checkpoints) or a directory path; got an empty string.", nameof(CheckpointDirectory));
        check.AtLeast(nameof(ReportEverySteps), ReportEverySteps, 0);
        FineTune?.Validate(check);
    }

    /// <summary>
    /// A short hash of the options that shape the training trajectory (not the checkpoint or reporting options),
    /// stored with each checkpoint so that a resume with changed options can say so.
    /// </summary>
    public string TrajectoryHash()
    {
        var text =
            SettingsChecks.Invariant($"{Epochs}|{BatchSize}|{LearningRate:R}|{Optimizer}|{Momentum:R}|{Nesterov}|{WeightDecay:R}|{AdamBeta1:R}|{AdamBeta2:R}|{AdamEpsilon:R}|") +
            SettingsChecks.Invariant($"{Schedule?.Describe()}|{WarmupEpochs:R}|{LabelSmoothing:R}|{AuxLossWeight:R}|{Seed}|{EarlyStoppingPatience}|{EarlyStoppingMinDelta:R}") +
            (FineTune is null ? "" : "|" + FineTune.Describe()) +
            (ImagesPerEpoch is int images ? SettingsChecks.Invariant($"|images/epoch {images}") : ""); // absent when unset: older checkpoints keep their hash
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
    }
}
