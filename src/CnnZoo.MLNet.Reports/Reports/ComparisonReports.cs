using System.Net;
using System.Text;
using CnnZoo.Architectures.Analysis;
using CnnZoo.MLNet.Comparison;

namespace CnnZoo.MLNet.Reports;

/// <summary>
/// HTML fragments of an architecture comparison for notebooks: the leaderboard as a table and a summary of how
/// successive halving went. (<see cref="ComparisonReport.ToHtml"/> is a whole page, for files; these sit inside a page.)
/// </summary>
public static class ComparisonReports
{
    /// <summary>The leaderboard: rank, trial, accuracy, top-5, macro-F1, log-loss, size, cost, times, epochs, why it stopped; the winner in bold.</summary>
    public static HtmlTable Leaderboard(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var columns = LeaderboardColumns.All;
        var table = new HtmlTable(columns.Select(c => c.Header).ToArray());
        table.AlignRight(columns.Select((c, i) => (c, i)).Where(x => x.c.Numeric).Select(x => x.i).ToArray());
        table.Caption = "Leaderboard (validation data)";
        foreach (var trial in result.Leaderboard)
            table.AddRow(columns.Select(c => new HtmlCell(c.Cell(trial), Bold: trial.Rank == 1, Background: trial.Rank == 1 ? "#eaf5ea" : null)).ToArray());
        table.Notes.Add(ComparisonSummary.Winner(result));
        return table;
    }

    /// <summary>Headline, leaderboard, one line per halving rung, and failures or trials not run.</summary>
    public static string ToHtml(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("<div class=\"cnnzoo-report\">");
        sb.Append("<div style=\"margin:4px 0\">").Append(WebUtility.HtmlEncode(ComparisonSummary.Headline(result))).Append("</div>");
        sb.Append(Leaderboard(result).ToHtml());
        sb.Append("<div style=\"margin-top:6px\"><b>Successive halving</b><ul style=\"margin:2px 0\">");
        foreach (var line in ComparisonSummary.RungLines(result)) sb.Append("<li>").Append(WebUtility.HtmlEncode(line)).Append("</li>");
        sb.Append("</ul></div>");
        var notes = ComparisonSummary.NoteLines(result).ToList();
        if (notes.Count > 0)
        {
            sb.Append("<div><b>Notes</b><ul style=\"margin:2px 0\">");
            foreach (var line in notes) sb.Append("<li>").Append(WebUtility.HtmlEncode(line)).Append("</li>");
            sb.Append("</ul></div>");
        }
        return sb.Append("</div>").ToString();
    }
}
