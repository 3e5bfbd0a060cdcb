namespace CnnZoo.MLNet.Comparison;

/// <summary>What a <see cref="ComparisonProgress"/> report is about.</summary>
public enum ComparisonStage
{
    /// <summary>The data is prepared and the trials are planned.</summary>
    Started,
    /// <summary>A trial starts (or resumes) training on a rung.</summary>
    TrialStarted,
    /// <summary>A trial finished an epoch (<see cref="ComparisonProgress.Epoch"/>).</summary>
    Epoch,
    /// <summary>A trial was evaluated on the validation data (<see cref="ComparisonProgress.Result"/>).</summary>
    TrialEvaluated,
    /// <summary>A trial failed (<see cref="ComparisonProgress.Message"/>).</summary>
    TrialFailed,
    /// <summary>A rung ended and halving chose the survivors (<see cref="ComparisonProgress.Rung"/>).</summary>
    RungCompleted,
    /// <summary>The comparison ended (completed, out of time or cancelled).</summary>
    Finished,
    /// <summary>
    /// A trial was not started on a rung: its estimated time exceeds what is left of the time budget
    /// (<see cref="ComparisonProgress.Message"/> gives both). Last, so that the older stages keep their numbers.
    /// </summary>
    TrialSkipped,
}
