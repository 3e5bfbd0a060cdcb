using System.Globalization;

namespace CnnZoo.MLNet.Comparison;

/// <summary>The sentences every report opens and closes with: what ran, how halving went, what failed.</summary>
internal static class ComparisonSummary
{
    public static string Headline(ComparisonResult result)
    {
        var state = result.WasCancelled ? " (cancelled)" : result.TimeBudgetExhausted ? " (time budget exhausted)" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{result.Leaderboard.Count} trials evaluated{state}; successive halving with η = {result.ReductionFactor}, rungs at {string.Join(", ", result.RungEpochs)} epochs{EpochText(result)}; ") +
            string.Create(CultureInfo.InvariantCulture,
            $"{result.TrainingRows} training / {result.ValidationRows} validation images; seed {result.Seed}; {result.Elapsed.TotalSeconds:F1} s.");
    }

    private static string EpochText(ComparisonResult result) =>
        result.ImagesPerEpoch is long images ? string.Create(CultureInfo.InvariantCulture, $" of {images} images") : "";

    public static string Winner(ComparisonResult result) => result.BestTrial is { } best
        ? string.Create(CultureInfo.InvariantCulture, $"Best: {best.Name}, validation accuracy {best.Accuracy:F4} after {best.EpochsRun} epochs.")
        : "No trial was evaluated.";

    /// <summary>One line per rung: "Rung 1 (1 epoch): 4 trials; go on: a, b; stopped: c, d".</summary>
    public static IEnumerable<string> RungLines(ComparisonResult result) => result.Rungs.Select(r =>
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"Rung {r.Rung + 1} ({r.Epochs} epoch{(r.Epochs == 1 ? "" : "s")}): {r.Trials.Count} trial{(r.Trials.Count == 1 ? "" : "s")}");
        if (r.Promoted.Count > 0) line += $"; go on: {string.Join(", ", r.Promoted.Select(t => t.Name))}";
        if (r.Stopped.Count > 0) line += $"; stopped: {string.Join(", ", r.Stopped.Select(t => t.Name))}";
        return line;
    });

    public static IEnumerable<string> NoteLines(ComparisonResult result) =>
        result.Failures.Select(f => $"Failed on rung {f.Rung + 1}: {f.Trial.Name}: {f.Message}")
            .Concat(result.NotRun.Count > 0 ? [$"Not run: {string.Join(", ", result.NotRun.Select(t => t.Name))}"] : [])
            .Concat(result.Notes);
}
