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

    public static TrainingProgress From(CheckpointState state) => new()
    {
        CompletedEpochs = state.Epoch,
        GlobalStep = state.GlobalStep,
        BestEpoch = state.BestEpoch,
        BestMetric = state.BestMetric,
        EpochsWithoutImprovement = state.EpochsWithoutImprovement,
        History = state.History.ToList(),
    };
}
