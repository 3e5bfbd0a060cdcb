using System.Text.Json.Serialization;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// The JSON part of a checkpoint (<c>checkpoint.json</c>): what the weights belong to, where training stood after the
/// epoch, and everything needed to continue exactly (schedule state, best epoch, early-stopping count, history).
/// Where training stood is <see cref="TrainingProgress"/>'s to write (<see cref="TrainingProgress.RecordIn"/>), so its
/// members are required of the JSON rather than of the initialiser.
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
    [JsonRequired]
    public int Epoch { get; init; }
    public required int TotalEpochs { get; init; }
    [JsonRequired]
    public long GlobalStep { get; init; }
    public required int Seed { get; init; }
    public required string SettingsHash { get; init; }
    public required string Optimizer { get; init; }
    public required string Monitor { get; init; }
    public int? BestEpoch { get; init; }
    public double? BestMetric { get; init; }
    public int EpochsWithoutImprovement { get; init; }
    public bool EarlyStopped { get; init; }
    public required LearningRateSchedulerState Scheduler { get; init; }
    [JsonRequired]
    public List<EpochMetrics> History { get; init; } = [];
    public DateTime WrittenUtc { get; init; } = DateTime.UtcNow;
}
