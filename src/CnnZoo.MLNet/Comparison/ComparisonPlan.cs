namespace CnnZoo.MLNet.Comparison;

/// <summary>What a comparison set out to do: its trials, its rungs, the data sizes and the images of one epoch (null: all).</summary>
internal sealed record ComparisonPlan(
    IReadOnlyList<TrialConfig> Trials,
    IReadOnlyList<int> RungEpochs,
    int ReductionFactor,
    int Seed,
    long TrainingRows,
    long ValidationRows,
    int? ImagesPerEpoch = null)
{
    /// <summary>The images one epoch of a trial trains on.</summary>
    public long EpochImages => ImagesPerEpoch is int images ? Math.Min(images, TrainingRows) : TrainingRows;
}
