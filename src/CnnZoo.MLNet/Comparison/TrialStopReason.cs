namespace CnnZoo.MLNet.Comparison;

/// <summary>Why a trial of a comparison stopped training.</summary>
public enum TrialStopReason
{
    /// <summary>It survived every rung and trained the full <see cref="ComparisonOptions.MaxEpochs"/>.</summary>
    Completed,

    /// <summary>Successive halving stopped it: it was in the weaker part of a rung.</summary>
    Halved,

    /// <summary>Its trainer's early stopping ended it (an <c>EarlyStoppingPatience</c> set through <see cref="ComparisonOptions.ConfigureTrainer"/>).</summary>
    EarlyStopped,

    /// <summary>The comparison's <see cref="ComparisonOptions.TimeBudget"/> ran out before it finished.</summary>
    TimeBudget,

    /// <summary>The comparison was cancelled before it finished.</summary>
    Cancelled,

    /// <summary>A later rung failed (e.g. the loss diverged); its results are those of the last rung it finished.</summary>
    Failed,
}
