using System.Globalization;
using CnnZoo.Cli.Rendering;

namespace CnnZoo.Benchmarks.Transfer;

/// <summary>The results of <c>cnnzoo bench-transfer</c> as a table and verdict lines.</summary>
public static class TransferBenchText
{
    /// <summary>How far CnnZoo's featurizer with the anchor's preprocessing may be from the anchor (same weights).</summary>
    public const double SameWeightsTolerance = 0.01;

    /// <summary>How far the default transfer recipe must be above the anchor.</summary>
    public const double TargetGain = 0.03;

    /// <summary>One line per result.</summary>
    public static string Describe(TransferResult r) => Inv(
        $"{r.Task} {r.Recipe} {r.InputSize}x{r.InputSize}: accuracy {r.Accuracy:0.000} (macro {r.MacroAccuracy:0.000}) on {r.TestImages} test images, fit {r.FitSeconds:0.0} s on {r.TrainImages} images, test {r.TestSeconds:0.0} s");

    /// <summary>Every result, with its gain over the task's anchor.</summary>
    public static TabularData ToTable(IReadOnlyList<TransferResult> results)
    {
        var table = new TabularData(new("task"), new("recipe"), new("input", true), new("accuracy", true), new("macro", true),
            new("vs anchor (pts)", true), new("fit s", true), new("test s", true));
        foreach (var r in results)
        {
            var anchor = Anchor(results, r.Task);
            table.AddRow(r.Task, r.Recipe.ToString(), Inv($"{r.InputSize}"), Inv($"{r.Accuracy:0.000}"), Inv($"{r.MacroAccuracy:0.000}"),
                anchor is null ? "" : Inv($"{(r.Accuracy - anchor.Accuracy) * 100:+0.0;-0.0;0.0}"), Inv($"{r.FitSeconds:0.0}"), Inv($"{r.TestSeconds:0.0}"));
        }
        return table;
    }

    /// <summary>The verdicts: same weights agree with the anchor within a point; the default recipe beats it by three.</summary>
    public static IEnumerable<string> Verdicts(IReadOnlyList<TransferResult> results)
    {
        foreach (var task in results.Select(r => r.Task).Distinct())
        {
            if (Anchor(results, task) is not { } anchor) continue;
            if (Find(results, task, TransferRecipe.CnnZooFeaturizerAnchorPreprocessing) is { } same)
            {
                var gap = Math.Abs(same.Accuracy - anchor.Accuracy);
                yield return Inv($"{task}: CnnZoo featurizer with the anchor's preprocessing {same.Accuracy:0.000} vs ML.NET's {anchor.Accuracy:0.000}, |difference| {gap * 100:0.0} pts, target <= {SameWeightsTolerance * 100:0} pt: {Verdict(gap <= SameWeightsTolerance + 1e-12)}");
            }
            if (Find(results, task, TransferRecipe.CnnZooFineTuned) is { } tuned)
            {
                var gain = tuned.Accuracy - anchor.Accuracy;
                yield return Inv($"{task}: default transfer recipe (fine-tuned, {tuned.InputSize}x{tuned.InputSize}) {tuned.Accuracy:0.000} vs anchor {anchor.Accuracy:0.000}, {gain * 100:+0.0;-0.0} pts, target >= +{TargetGain * 100:0} pts: {Verdict(gain >= TargetGain - 1e-12)}");
            }
        }
    }

    private static TransferResult? Anchor(IReadOnlyList<TransferResult> results, string task) => Find(results, task, TransferRecipe.MlNetFeaturizer);

    private static TransferResult? Find(IReadOnlyList<TransferResult> results, string task, TransferRecipe recipe) =>
        results.FirstOrDefault(r => r.Task == task && r.Recipe == recipe);

    private static string Verdict(bool passes) => passes ? "PASS" : "BELOW";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
