using CnnZoo.MLNet.Scoring;
using Microsoft.ML;

namespace CnnZoo.MLNet.Comparison;

/// <summary>
/// What a comparison found: the leaderboard (best first), the winning model as an ordinary fitted ML.NET transformer,
/// the halving rungs and whether the run was cut short. Dispose it to free the winner's network, unless you keep
/// using <see cref="Best"/> (then dispose that instead).
/// </summary>
public sealed class ComparisonResult : IDisposable
{
    internal ComparisonResult(
        IReadOnlyList<TrialResult> leaderboard,
        TrialResult? bestTrial,
        ITransformer? best,
        CnnTransformer? bestModel,
        IReadOnlyList<RungSummary> rungs,
        IReadOnlyList<TrialFailure> failures,
        IReadOnlyList<TrialConfig> notRun,
        IReadOnlyList<string> classNames,
        ComparisonPlan plan,
        TimeSpan elapsed,
        bool wasCancelled,
        bool timeBudgetExhausted,
        IReadOnlyList<string>? notes = null)
    {
        Leaderboard = leaderboard;
        BestTrial = bestTrial;
        Best = best;
        BestModel = bestModel;
        Rungs = rungs;
        Failures = failures;
        NotRun = notRun;
        ClassNames = classNames;
        RungEpochs = plan.RungEpochs;
        ReductionFactor = plan.ReductionFactor;
        Seed = plan.Seed;
        TrainingRows = plan.TrainingRows;
        ValidationRows = plan.ValidationRows;
        ImagesPerEpoch = plan.ImagesPerEpoch is null ? null : plan.EpochImages;
        Notes = notes ?? [];
        Elapsed = elapsed;
        WasCancelled = wasCancelled;
        TimeBudgetExhausted = timeBudgetExhausted;
    }

    /// <summary>Every trial that was evaluated, ordered by validation accuracy (then log-loss, then trial order), best first.</summary>
    public IReadOnlyList<TrialResult> Leaderboard { get; }

    /// <summary>
    /// The trial <see cref="Best"/> comes from: the leaderboard's first row (the networks of halved trials are freed when
    /// they stop, so should a survivor end below a halved trial — possible only with <c>RestoreBestEpoch</c> off — it is
    /// the best trial whose network was kept). Null when no trial finished a rung.
    /// </summary>
    public TrialResult? BestTrial { get; }

    /// <summary>
    /// The winner as a fitted pipeline: the fitted preprocessing followed by the trained CNN. Transform, Evaluate,
    /// <c>Model.Save</c> and prediction engines work on it as on any ML.NET model. Owned by this result.
    /// </summary>
    public ITransformer? Best { get; }

    /// <summary>The winner's CNN alone (the last transformer of <see cref="Best"/>).</summary>
    public CnnTransformer? BestModel { get; }

    /// <summary>The trials successive halving stopped, earliest rung first.</summary>
    public IReadOnlyList<TrialResult> StoppedTrials => Leaderboard.Where(t => t.StopReason == TrialStopReason.Halved)
        .OrderBy(t => t.RungReached).ThenBy(t => t.Rank).ToList();

    /// <summary>The rungs as they ran: epochs, trials, who went on and who stopped.</summary>
    public IReadOnlyList<RungSummary> Rungs { get; }

    /// <summary>Trials that threw; one that failed on its first rung has no leaderboard row.</summary>
    public IReadOnlyList<TrialFailure> Failures { get; }

    /// <summary>Trials planned but never evaluated (cancellation or the time budget came first).</summary>
    public IReadOnlyList<TrialConfig> NotRun { get; }

    /// <summary>The label values, in key order (the confusion matrix's rows and columns).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Epochs in total at the end of each planned rung, e.g. 1, 2, 4, 8.</summary>
    public IReadOnlyList<int> RungEpochs { get; }

    /// <summary>Successive halving's η.</summary>
    public int ReductionFactor { get; }

    /// <summary>The seed of the split and of every trial.</summary>
    public int Seed { get; }

    /// <summary>Rows the trials trained on.</summary>
    public long TrainingRows { get; }

    /// <summary>Rows they were validated and ranked on.</summary>
    public long ValidationRows { get; }

    /// <summary>Training images of one epoch when <see cref="ComparisonOptions.ImagesPerEpoch"/> made epochs shorter than the split; null: every training row.</summary>
    public long? ImagesPerEpoch { get; }

    /// <summary>How the run spent its budget, e.g. a trial not started because its estimated time exceeded the time left.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Wall time of the whole comparison.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>True when <see cref="ComparisonOptions.CancellationToken"/> stopped it; the leaderboard holds what was evaluated until then.</summary>
    public bool WasCancelled { get; }

    /// <summary>True when <see cref="ComparisonOptions.TimeBudget"/> ran out before the schedule finished.</summary>
    public bool TimeBudgetExhausted { get; }

    /// <summary>Frees the winner's network (the other trials' networks were freed when halving stopped them or the comparison ended).</summary>
    public void Dispose() => (Best as IDisposable ?? BestModel)?.Dispose();

    /// <summary>The leaderboard as a text table.</summary>
    public override string ToString() => LeaderboardText.Render(this);
}
