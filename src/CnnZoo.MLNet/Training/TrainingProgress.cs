namespace CnnZoo.MLNet.Training;

/// <summary>Where a run stands between epochs: what a checkpoint records besides weights, optimiser and schedule.</summary>
internal sealed class TrainingProgress
{
    public int CompletedEpochs { get; set; }
    public long GlobalStep { get; set; }
    public int? BestEpoch { get; set; }
    public double? BestMetric { get; set; }
    public int EpochsWithoutImprovement { get; set; }
    public bool EarlyStopped { get; set; }
    public List<EpochMetrics> History { get; init; } = new();

    /// <summary>The progress <paramref name="state"/> recorded (<see cref="RecordIn"/> wrote it).</summary>
    public static TrainingProgress From(CheckpointState state) => new()
    {
        CompletedEpochs = state.Epoch,
        GlobalStep = state.GlobalStep,
        BestEpoch = state.BestEpoch,
        BestMetric = state.BestMetric,
        EpochsWithoutImprovement = state.EpochsWithoutImprovement,
        History = state.History.ToList(),
    };

    /// <summary><paramref name="checkpoint"/> (what the weights belong to, the settings and the schedule) with this progress in it.</summary>
    public CheckpointState RecordIn(CheckpointState checkpoint) => checkpoint with
    {
        Epoch = CompletedEpochs,
        GlobalStep = GlobalStep,
        BestEpoch = BestEpoch,
        BestMetric = BestMetric,
        EpochsWithoutImprovement = EpochsWithoutImprovement,
        EarlyStopped = EarlyStopped,
        History = History.ToList(),
    };
}
