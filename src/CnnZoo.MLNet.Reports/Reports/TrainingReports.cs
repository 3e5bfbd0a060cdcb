using System.Globalization;
using CnnZoo.Architectures.Analysis;
using CnnZoo.MLNet.Training;

namespace CnnZoo.MLNet.Reports;

/// <summary>HTML tables of training runs: the epoch-by-epoch history and a side-by-side comparison.</summary>
public static class TrainingReports
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One row per completed epoch: loss, accuracy, validation loss and accuracy, learning rate, throughput, time.</summary>
    public static HtmlTable History(IReadOnlyList<EpochMetrics> history, string? title = null, int? bestEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var table = new HtmlTable("epoch", "loss", "accuracy", "val loss", "val accuracy", "learning rate", "images/s", "elapsed").AlignRight(0, 1, 2, 3, 4, 5, 6, 7);
        table.Caption = title ?? "Training history";
        foreach (var m in history.Where(m => m.IsEpochEnd))
        {
            var best = m.Epoch == bestEpoch;
            table.AddRow(new HtmlCell($"{m.Epoch}/{m.TotalEpochs}", Bold: best, Title: best ? "best epoch" : null), F(m.TrainLoss), P(m.TrainAccuracy),
                m.ValidationLoss is double vl ? F(vl) : "", m.ValidationAccuracy is double va ? new HtmlCell(P(va), Bold: best) : "",
                m.LearningRate.ToString("G4", Invariant), m.ImagesPerSecond.ToString("N0", Invariant), Time(m.Elapsed));
        }
        if (bestEpoch is int b) table.Notes.Add($"Bold: the best epoch ({b}).");
        return table;
    }

    /// <summary>The history of a finished run, with its best epoch marked and why it stopped.</summary>
    public static HtmlTable History(TrainingResult result, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = History(result.History, title, result.BestEpoch);
        table.Notes.Add($"Stopped: {result.StopReason}; {result.EpochsCompleted} epochs, {result.GlobalStep:N0} steps; best by {result.Monitor}"
            + (result.RestoredBestEpoch ? " (its weights were restored)." : "."));
        return table;
    }

    /// <summary>Runs side by side: final and best accuracy, final loss, epochs and time.</summary>
    public static HtmlTable Compare(IEnumerable<(string Name, TrainingResult Result)> runs, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new HtmlTable("run", "epochs", "train loss", "train accuracy", "val loss", "val accuracy", "best val accuracy", "time").AlignRight(1, 2, 3, 4, 5, 6, 7);
        table.Caption = title ?? "Runs";
        foreach (var (name, result) in runs)
        {
            ArgumentNullException.ThrowIfNull(result, nameof(runs));
            var last = result.FinalMetrics;
            var bestValidation = result.History.Where(m => m.IsEpochEnd && m.ValidationAccuracy is not null).Select(m => m.ValidationAccuracy!.Value).DefaultIfEmpty(double.NaN).Max();
            table.AddRow(name, result.EpochsCompleted.ToString(Invariant), last is null ? "" : F(last.TrainLoss), last is null ? "" : P(last.TrainAccuracy),
                last?.ValidationLoss is double vl ? F(vl) : "", last?.ValidationAccuracy is double va ? P(va) : "",
                double.IsNaN(bestValidation) ? "" : P(bestValidation), last is null ? "" : Time(last.Elapsed));
        }
        return table;
    }

    internal static string F(double value) => value.ToString("0.0000", Invariant);
    internal static string P(double value) => (value * 100).ToString("0.00", Invariant) + "%";
    internal static string Time(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", Invariant) : t.ToString(@"m\:ss", Invariant);
}
