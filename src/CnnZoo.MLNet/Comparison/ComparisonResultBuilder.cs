using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Comparison;

/// <summary>
/// Turns the trials' states into a <see cref="ComparisonResult"/>: the leaderboard in <see cref="TrialRanking"/> order,
/// the winner's network as a fitted pipeline, and the trials never evaluated. Shared by a comparison run in this
/// process and one whose trials ran elsewhere and were collected (the <c>cnnzoo</c> tool's Katib collector).
/// </summary>
internal static class ComparisonResultBuilder
{
    public static ComparisonResult Build(ComparisonData data, IReadOnlyList<TrialState> states, IReadOnlyList<RungSummary> rungs,
        IReadOnlyList<TrialFailure> failures, ComparisonPlan plan, TimeSpan elapsed, bool cancelled, bool outOfTime, IReadOnlyList<string>? notes = null)
    {
        var evaluated = states.Where(s => s.Evaluation is not null).OrderBy(s => s, TrialRanking.Instance).ToList();
        var leaderboard = evaluated.Select((s, i) => s.ToResult(i + 1)).ToList();
        // Normally the leaderboard's first; a survivor whose accuracy fell below a halved trial's (RestoreBestEpoch off) gives
        // way to the best trial whose network was kept.
        var bestState = evaluated.FirstOrDefault(s => s.Model is not null);
        var bestTrial = bestState is null ? null : leaderboard[evaluated.IndexOf(bestState)];
        var bestModel = bestState?.ReleaseModel();
        ITransformer? best = bestModel is null ? null
            : data.Preprocessing is null ? new TransformerChain<ITransformer>(bestModel)
            : new TransformerChain<ITransformer>(data.Preprocessing, bestModel);
        var failedOnFirstRung = failures.Where(f => f.Rung == 0).Select(f => f.Trial.Index).ToHashSet();
        var notRun = states.Where(s => s.Evaluation is null && !failedOnFirstRung.Contains(s.Config.Index)).Select(s => s.Config).ToList();
        return new ComparisonResult(leaderboard, bestTrial, best, bestModel, rungs, failures, notRun, data.ClassNames, plan,
            elapsed, cancelled, outOfTime, notes);
    }
}
