using System.Globalization;

namespace CnnZoo.MLNet.Comparison;

/// <summary>The leaderboard's columns as the text, Markdown and HTML reports show them.</summary>
internal static class LeaderboardColumns
{
    /// <summary>A displayed column: its header, whether it holds numbers (right-aligned), and the cell text.</summary>
    public sealed record Column(string Header, bool Numeric, Func<TrialResult, string> Cell);

    public static IReadOnlyList<Column> All { get; } =
    [
        new("#", true, t => Invariant($"{t.Rank}")),
        new("Trial", false, t => t.Name),
        new("Accuracy", true, t => Invariant($"{t.Accuracy:F4}")),
        new("Top-5", true, t => Invariant($"{t.Top5Accuracy:F4}")),
        new("Macro-F1", true, t => Invariant($"{t.MacroF1:F4}")),
        new("Log-loss", true, t => Invariant($"{t.LogLoss:F4}")),
        new("Params", true, t => CompactNumber.Format(t.Parameters)),
        new("MACs", true, t => CompactNumber.Format(t.Macs)),
        new("Train s", true, t => Invariant($"{t.TrainTime.TotalSeconds:F1}")),
        new("Img/s", true, t => Invariant($"{t.ImagesPerSecond:F0}")),
        new("Infer ms/img", true, t => Invariant($"{t.InferenceMsPerImage:F3}")),
        new("Peak MB", true, t => Invariant($"{t.PeakMemoryBytes / (1024.0 * 1024.0):F0}")),
        new("Epochs", true, t => Invariant($"{t.EpochsRun}")),
        new("Stop", false, t => StopText(t.StopReason)),
    ];

    public static string StopText(TrialStopReason reason) => reason switch
    {
        TrialStopReason.Completed => "completed",
        TrialStopReason.Halved => "halved",
        TrialStopReason.EarlyStopped => "early stop",
        TrialStopReason.TimeBudget => "time budget",
        TrialStopReason.Cancelled => "cancelled",
        TrialStopReason.Failed => "failed",
        _ => reason.ToString(),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
