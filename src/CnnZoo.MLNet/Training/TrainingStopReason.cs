namespace CnnZoo.MLNet.Training;

/// <summary>Why a training run ended (a diverging loss throws <see cref="TrainingDivergedException"/> instead).</summary>
public enum TrainingStopReason
{
    /// <summary>All epochs ran.</summary>
    Completed,

    /// <summary>The monitored metric stopped improving for <see cref="TrainingSettings.EarlyStoppingPatience"/> epochs.</summary>
    EarlyStopped,

    /// <summary>The cancellation token was signalled; the run stopped before the next batch.</summary>
    Cancelled,
}
