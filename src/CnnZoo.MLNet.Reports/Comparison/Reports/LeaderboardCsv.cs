using System.Globalization;
using System.Text;

namespace CnnZoo.MLNet.Comparison;

/// <summary>The leaderboard and the learning curves as CSV (RFC 4180, invariant culture, exact numbers).</summary>
internal static class LeaderboardCsv
{
    private static readonly string[] LeaderboardHeader =
    [
        "rank", "trial", "architecture", "learning_rate", "batch_size", "accuracy", "top5_accuracy", "macro_f1", "log_loss",
        "parameters", "macs", "train_seconds", "images_per_second", "inference_ms_per_image", "peak_memory_bytes",
        "epochs", "rung_reached", "stop_reason", "rung_accuracies",
    ];

    private static readonly string[] CurveHeader =
        ["trial", "epoch", "train_loss", "train_accuracy", "validation_loss", "validation_accuracy", "learning_rate", "images_per_second"];

    public static string Leaderboard(ComparisonResult result)
    {
        var csv = new StringBuilder();
        AppendRow(csv, LeaderboardHeader);
        foreach (var t in result.Leaderboard)
        {
            AppendRow(csv,
            [
                Number(t.Rank), t.Name, t.Architecture, Number(t.Trial.LearningRate), Number(t.Trial.BatchSize),
                Number(t.Accuracy), Number(t.Top5Accuracy), Number(t.MacroF1), Number(t.LogLoss),
                Number(t.Parameters), Number(t.Macs), Number(t.TrainTime.TotalSeconds), Number(t.ImagesPerSecond),
                Number(t.InferenceMsPerImage), Number(t.PeakMemoryBytes), Number(t.EpochsRun), Number(t.RungReached),
                t.StopReason.ToString(), string.Join(";", t.RungAccuracies.Select(Number)),
            ]);
        }
        return csv.ToString();
    }

    public static string LearningCurves(ComparisonResult result)
    {
        var csv = new StringBuilder();
        AppendRow(csv, CurveHeader);
        foreach (var t in result.Leaderboard)
        foreach (var m in t.LearningCurve)
        {
            AppendRow(csv,
            [
                t.Name, Number(m.Epoch), Number(m.TrainLoss), Number(m.TrainAccuracy),
                m.ValidationLoss is double loss ? Number(loss) : "", m.ValidationAccuracy is double accuracy ? Number(accuracy) : "",
                Number(m.LearningRate), Number(m.ImagesPerSecond),
            ]);
        }
        return csv.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void AppendRow(StringBuilder csv, IEnumerable<string> cells) =>
        csv.Append(string.Join(",", cells.Select(Quote))).Append("\r\n");

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
