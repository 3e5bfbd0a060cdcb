namespace CnnZoo.MLNet.Training;

/// <summary>What a <see cref="TrainingEngine.Run"/> did.</summary>
/// <param name="StopReason">Why it ended.</param>
/// <param name="EpochsCompleted">Epochs completed in total, including those of a checkpoint it resumed from.</param>
/// <param name="ResumedFromEpoch">The checkpoint epoch it continued after; 0 when it started fresh.</param>
/// <param name="GlobalStep">Optimiser steps taken in total.</param>
/// <param name="Monitor">The metric that decides the best epoch: <c>"val_acc"</c> with validation data, else <c>"loss"</c>.</param>
/// <param name="BestEpoch">The epoch with the best monitored metric; <c>null</c> if no epoch completed.</param>
/// <param name="BestMetric">That metric's value.</param>
/// <param name="RestoredBestEpoch">True when the model was left with <see cref="BestEpoch"/>'s weights rather than the last ones.</param>
/// <param name="History">Every completed epoch's metrics, in order (including resumed ones).</param>
/// <param name="LastCheckpoint">Directory of the newest checkpoint; <c>null</c> when none was written.</param>
public sealed record TrainingResult(
    TrainingStopReason StopReason,
    int EpochsCompleted,
    int ResumedFromEpoch,
    long GlobalStep,
    string Monitor,
    int? BestEpoch,
    double? BestMetric,
    bool RestoredBestEpoch,
    IReadOnlyList<EpochMetrics> History,
    string? LastCheckpoint)
{
    /// <summary>The last completed epoch's metrics; <c>null</c> if none completed.</summary>
    public EpochMetrics? FinalMetrics => History.Count > 0 ? History[^1] : null;
}
