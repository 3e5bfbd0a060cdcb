using System.Text;

namespace CnnZoo.MLNet.Comparison;

/// <summary>
/// The reports of a comparison: the leaderboard as a text table, Markdown, CSV and a self-contained HTML page, and the
/// charts (learning curves, accuracy against parameters and against training time with the Pareto front, the winner's
/// confusion matrix) as PNG and SVG.
/// </summary>
/// <param name="result">The comparison to report on.</param>
public sealed class ComparisonReport(ComparisonResult result)
{
    private readonly ComparisonResult _result = result ?? throw new ArgumentNullException(nameof(result));

    /// <summary>Summary, leaderboard as a fixed-width table, and the halving rungs.</summary>
    public string ToText() => LeaderboardText.Render(_result);

    /// <summary>Summary, leaderboard as a Markdown table, and the halving rungs as a list.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Architecture comparison").AppendLine();
        md.AppendLine(ComparisonSummary.Headline(_result)).AppendLine();
        md.AppendLine($"**{ComparisonSummary.Winner(_result)}**").AppendLine();
        var columns = LeaderboardColumns.All;
        md.AppendLine("| " + string.Join(" | ", columns.Select(c => c.Header)) + " |");
        md.AppendLine("|" + string.Join("|", columns.Select(c => c.Numeric ? "---:" : "---")) + "|");
        foreach (var trial in _result.Leaderboard)
            md.AppendLine("| " + string.Join(" | ", columns.Select(c => c.Cell(trial).Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        md.AppendLine().AppendLine("## Successive halving").AppendLine();
        foreach (var line in ComparisonSummary.RungLines(_result)) md.AppendLine($"- {line}");
        var notes = ComparisonSummary.NoteLines(_result).ToList();
        if (notes.Count > 0)
        {
            md.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (var line in notes) md.AppendLine($"- {line}");
        }
        return md.ToString();
    }

    /// <summary>The leaderboard as CSV with exact values (one row per trial, rung accuracies joined by ';').</summary>
    public string ToCsv() => LeaderboardCsv.Leaderboard(_result);

    /// <summary>Every trial's per-epoch metrics as CSV.</summary>
    public string LearningCurvesCsv() => LeaderboardCsv.LearningCurves(_result);

    /// <summary>A self-contained HTML page: summary, leaderboard, rungs and the charts as inline SVG.</summary>
    public string ToHtml() => HtmlReport.Render(_result);

    /// <summary>
    /// Writes <c>leaderboard.txt</c>, <c>.md</c>, <c>.csv</c>, <c>.html</c>, <c>learning_curves.csv</c> and the charts
    /// <c>learning_curves</c>, <c>accuracy_vs_params</c>, <c>accuracy_vs_time</c> and <c>confusion_matrix</c> as
    /// <c>.png</c> and <c>.svg</c> (charts only when a trial was evaluated) into <paramref name="folder"/>, creating it.
    /// </summary>
    /// <returns>The paths written.</returns>
    public IReadOnlyList<string> WriteTo(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        void Text(string name, string content)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            written.Add(path);
        }
        Text("leaderboard.txt", ToText());
        Text("leaderboard.md", ToMarkdown());
        Text("leaderboard.csv", ToCsv());
        Text("learning_curves.csv", LearningCurvesCsv());
        Text("leaderboard.html", ToHtml());
        if (_result.Leaderboard.Count == 0) return written;

        foreach (var (name, chart) in Charts())
        {
            var png = Path.Combine(folder, name + ".png");
            File.WriteAllBytes(png, ComparisonCharts.ToPng(chart()));
            written.Add(png);
            Text(name + ".svg", ComparisonCharts.ToSvg(chart()));
        }
        return written;
    }

    private IEnumerable<(string Name, Func<OxyPlot.PlotModel> Chart)> Charts() =>
    [
        ("learning_curves", () => ComparisonCharts.LearningCurves(_result)),
        ("accuracy_vs_params", () => ComparisonCharts.AccuracyVsParameters(_result)),
        ("accuracy_vs_time", () => ComparisonCharts.AccuracyVsTrainTime(_result)),
        ("confusion_matrix", () => ComparisonCharts.ConfusionMatrix(_result)),
    ];
}
