using CnnZoo.MLNet.Bridge;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Comparison;

/// <summary>
/// What an <see cref="ArchitectureComparison"/> trains and how it spends its budget: the candidate architectures, the
/// columns, the preprocessing, the validation split, the successive-halving schedule (<see cref="MinEpochs"/> on the
/// first rung, ×<see cref="ReductionFactor"/> per rung up to <see cref="MaxEpochs"/>), an optional wall-time budget and
/// an optional search over learning rate and batch size.
/// </summary>
public sealed class ComparisonOptions
{
    /// <summary>
    /// Registry names of the architectures to compare (<c>lenet5</c>, <c>resnet20_cifar</c> …); null picks a set that
    /// suits the input size and channels (<see cref="CandidateArchitectures.DefaultFor"/>).
    /// </summary>
    public IReadOnlyList<string>? Candidates { get; set; }

    /// <summary>Label column: a key type after <see cref="Preprocessing"/> (e.g. <c>MapValueToKey</c>).</summary>
    public string LabelColumnName { get; set; } = MlNetNames.Label;

    /// <summary>Image column after <see cref="Preprocessing"/>: <c>Vector&lt;Single, C, H, W&gt;</c>, <c>Image</c> or encoded bytes.</summary>
    public string FeatureColumnName { get; set; } = MlNetNames.Features;

    /// <summary>
    /// Estimators applied before the trainer (e.g. <c>MapValueToKey</c>, <c>LoadImages</c>, <c>ResizeImages</c>,
    /// <c>ExtractPixels</c>, <c>CnnZooAugment</c>). Fitted once on the whole data; part of the returned best model.
    /// </summary>
    public IEstimator<ITransformer>? Preprocessing { get; set; }

    /// <summary>Share of the data held out to validate and rank the trials when <see cref="ValidationSet"/> is null, in (0, 0.9]. Default 0.2.</summary>
    public double ValidationFraction { get; set; } = 0.2;

    /// <summary>Validation data with the same raw schema as the training data (it goes through <see cref="Preprocessing"/> too); null splits the data.</summary>
    public IDataView? ValidationSet { get; set; }

    /// <summary>Epochs every trial trains on the first rung, at least 1. Default 1.</summary>
    public int MinEpochs { get; set; } = 1;

    /// <summary>Epochs a trial that survives every rung trains in total, at least <see cref="MinEpochs"/>. Default 8.</summary>
    public int MaxEpochs { get; set; } = 8;

    /// <summary>
    /// Training images that make one epoch of a trial, at least 1: each epoch trains on that many drawn at random from
    /// the training split (another subset every epoch, from the seed), so a rung's cost is rung epochs × this many
    /// images, whatever the data's size. Null (the default), or more than the split holds: every training image.
    /// </summary>
    public int? ImagesPerEpoch { get; set; }

    /// <summary>
    /// Successive halving's η, at least 2: after each rung only the best 1/η of the trials (rounded up) go on, and the
    /// next rung trains them to η times the epochs. Default 2: the weaker half stops at each rung.
    /// </summary>
    public int ReductionFactor { get; set; } = 2;

    /// <summary>
    /// Wall time for the whole comparison; when it runs out the trial in progress stops within one batch, is evaluated
    /// if it finished an epoch of its rung, and the leaderboard so far is returned. A trial whose estimated time for its
    /// next rung (from its own speed on earlier rungs, else from the trials already run scaled by MACs per image) exceeds
    /// what is left is not started: it stops with <see cref="TrialStopReason.TimeBudget"/> and a note in
    /// <see cref="ComparisonResult.Notes"/>. Null: no limit.
    /// </summary>
    public TimeSpan? TimeBudget { get; set; }

    /// <summary>Learning rates and batch sizes to try per architecture; null trains each architecture once with its recipe's.</summary>
    public SearchSpace? SearchSpace { get; set; }

    /// <summary>
    /// Seed of the train/validation split and of every trial (initial weights, shuffling, augmentation). All trials share
    /// it, so they see the same data in the same order. Same seed and data → the same leaderboard on the CPU. Default 0.
    /// </summary>
    public int Seed { get; set; }

    /// <summary>
    /// Adjusts the trainer options of every training run (preset, optimiser, schedule, device, batch size, scoring batch …);
    /// it sees the trial's <see cref="CnnTrainer.Options.Architecture"/>, so it can differ per architecture. The comparison
    /// then sets its own: architecture, columns, epochs, learning rate and batch size where the search space lists them,
    /// validation set, seed, checkpoints and cancellation (a <see cref="CnnTrainer.Options.Progress"/> set here still hears every epoch).
    /// </summary>
    public Action<CnnTrainer.Options>? ConfigureTrainer { get; set; }

    /// <summary>Where per-trial checkpoints go (kept afterwards); null uses a temporary directory deleted at the end.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Receives trial starts, every epoch, evaluations, rung ends and the end; called on the training thread.</summary>
    public IProgress<ComparisonProgress>? Progress { get; set; }

    /// <summary>Stops the comparison within one batch; the leaderboard of the trials evaluated so far is returned.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Test hook: the store cache the run reads into, owned by whoever set it; null: the run makes and disposes its own.</summary>
    internal TrainingDataCache? DataCache { get; set; }

    internal void Validate()
    {
        Check(!string.IsNullOrWhiteSpace(LabelColumnName), nameof(LabelColumnName), "must name a column");
        Check(!string.IsNullOrWhiteSpace(FeatureColumnName), nameof(FeatureColumnName), "must name a column");
        Check(Candidates is null || Candidates.Count > 0, nameof(Candidates), "must list at least one architecture (or be null for the default set)");
        Check(Candidates is null || Candidates.All(c => !string.IsNullOrWhiteSpace(c)), nameof(Candidates), "must not contain empty names");
        Check(ValidationSet is not null || ValidationFraction is > 0 and <= 0.9, nameof(ValidationFraction), $"must be in (0, 0.9]; got {ValidationFraction}");
        Check(ImagesPerEpoch is null or >= 1, nameof(ImagesPerEpoch), $"must be null (every training image) or at least 1; got {ImagesPerEpoch}");
        Check(MinEpochs >= 1, nameof(MinEpochs), $"must be at least 1; got {MinEpochs}");
        Check(MaxEpochs >= MinEpochs, nameof(MaxEpochs), $"must be at least MinEpochs ({MinEpochs}); got {MaxEpochs}");
        Check(ReductionFactor >= 2, nameof(ReductionFactor), $"must be at least 2; got {ReductionFactor}");
        Check(TimeBudget is null || TimeBudget > TimeSpan.Zero, nameof(TimeBudget), $"must be positive; got {TimeBudget}");
        Check(WorkingDirectory is null || !string.IsNullOrWhiteSpace(WorkingDirectory), nameof(WorkingDirectory), "must be null or a directory path");
        SearchSpace?.Validate();
    }

    private static void Check(bool ok, string option, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(option, $"ComparisonOptions.{option} {rule}.");
    }
}
