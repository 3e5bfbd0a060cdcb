namespace CnnZoo.MLNet.Training;

/// <summary>
/// The JSON part of a checkpoint (<c>checkpoint.json</c>): what the weights belong to, where training stood after the
/// epoch, and everything needed to continue exactly (schedule state, best epoch, early-stopping count, history).
/// </summary>
internal sealed record CheckpointState
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required string Architecture { get; init; }
    public required int NumClasses { get; init; }
    /// <summary>[C, H, W] of the training images.</summary>
    public required int[] InputShape { get; init; }
    /// <summary>Epochs completed (1-based number of the epoch this checkpoint ends).</summary>
    public required int Epoch { get; init; }
    public required int TotalEpochs { get; init; }
    public required long GlobalStep { get; init; }
    public required int Seed { get; init; }
    public required string SettingsHash { get; init; }
    public required string Optimizer { get; init; }
    public required string Monitor { get; init; }
    public int? BestEpoch { get; init; }
    public double? BestMetric { get; init; }
    public int EpochsWithoutImprovement { get; init; }
    public bool EarlyStopped { get; init; }
    public required LearningRateSchedulerState Scheduler { get; init; }
    public required List<EpochMetrics> History { get; init; }
    public DateTime WrittenUtc { get; init; } = DateTime.UtcNow;
}
