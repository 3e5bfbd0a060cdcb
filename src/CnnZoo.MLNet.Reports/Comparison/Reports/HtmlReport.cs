using System.Net;
using System.Text;

namespace CnnZoo.MLNet.Comparison;

/// <summary>A self-contained HTML page: summary, leaderboard, rungs and the charts as inline SVG.</summary>
internal static class HtmlReport
{
    private const string Style = """
        body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em; color: #222; }
        table { border-collapse: collapse; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; }
        th { background: #f0f3f7; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.best td { background: #eaf5ea; font-weight: bold; }
        figure { margin: 1.5em 0; }
        figcaption { color: #555; font-size: 0.9em; }
        """;

    public static string Render(ComparisonResult result)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>CnnZoo architecture comparison</title>");
        html.AppendLine($"<style>{Style}</style></head><body>");
        html.AppendLine("<h1>Architecture comparison</h1>");
        html.AppendLine($"<p>{Encode(ComparisonSummary.Headline(result))}</p>");
        html.AppendLine($"<p><strong>{Encode(ComparisonSummary.Winner(result))}</strong></p>");

        html.AppendLine("<h2>Leaderboard</h2>");
        AppendTable(html, result);

        html.AppendLine("<h2>Successive halving</h2><ul>");
        foreach (var line in ComparisonSummary.RungLines(result)) html.AppendLine($"<li>{Encode(line)}</li>");
        html.AppendLine("</ul>");
        var notes = ComparisonSummary.NoteLines(result).ToList();
        if (notes.Count > 0)
        {
            html.AppendLine("<h2>Notes</h2><ul>");
            foreach (var line in notes) html.AppendLine($"<li>{Encode(line)}</li>");
            html.AppendLine("</ul>");
        }

        if (result.Leaderboard.Count > 0)
        {
            html.AppendLine("<h2>Charts</h2>");
            AppendFigure(html, "learning-curves", ComparisonCharts.LearningCurves(result), "Validation accuracy per epoch; dashed lines mark the ends of the halving rungs.");
            AppendFigure(html, "accuracy-vs-params", ComparisonCharts.AccuracyVsParameters(result), "Accuracy against model size; the red diamonds form the Pareto front.");
            AppendFigure(html, "accuracy-vs-time", ComparisonCharts.AccuracyVsTrainTime(result), "Accuracy against training time; the red diamonds form the Pareto front.");
            AppendFigure(html, "confusion-matrix", ComparisonCharts.ConfusionMatrix(result), "The winner's confusion matrix on the validation data.");
        }
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, ComparisonResult result)
    {
        var columns = LeaderboardColumns.All;
        html.Append("<table><thead><tr>");
        foreach (var column in columns) html.Append($"<th>{Encode(column.Header)}</th>");
        html.AppendLine("</tr></thead><tbody>");
        foreach (var trial in result.Leaderboard)
        {
            html.Append(trial.Rank == 1 ? "<tr class=\"best\">" : "<tr>");
            foreach (var column in columns) html.Append(column.Numeric ? "<td class=\"num\">" : "<td>").Append(Encode(column.Cell(trial))).Append("</td>");
            html.AppendLine("</tr>");
        }
        html.AppendLine("</tbody></table>");
    }

    private static void AppendFigure(StringBuilder html, string id, OxyPlot.PlotModel chart, string caption)
    {
        html.AppendLine($"<figure id=\"{id}\">");
        html.AppendLine(InlineSvg(ComparisonCharts.ToSvg(chart, standalone: false), id));
        html.AppendLine($"<figcaption>{Encode(caption)}</figcaption></figure>");
    }

    /// <summary>
    /// The chart as an element that can sit beside others in one page: without the XML declaration, and with its clip-path
    /// ids (OxyPlot numbers them from 1 in every chart) prefixed so that one chart's clipping does not apply to another's.
    /// </summary>
    private static string InlineSvg(string svg, string id)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return svg[Math.Max(start, 0)..]
            .Replace("id=\"clipPath", $"id=\"{id}-clipPath", StringComparison.Ordinal)
            .Replace("url(#clipPath", $"url(#{id}-clipPath", StringComparison.Ordinal);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
