using System.Text;

namespace CnnZoo.MLNet.Comparison;

/// <summary>A comparison as plain text: summary, leaderboard as a fixed-width table, and the halving rungs.</summary>
internal static class LeaderboardText
{
    public static string Render(ComparisonResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(ComparisonSummary.Headline(result));
        text.AppendLine(ComparisonSummary.Winner(result));
        text.AppendLine();
        var columns = LeaderboardColumns.All;
        text.Append(TextTable.Render(columns.Select(c => c.Header).ToList(), columns.Select(c => c.Numeric).ToList(),
            result.Leaderboard.Select(t => (IReadOnlyList<string>)columns.Select(c => c.Cell(t)).ToList()).ToList()));
        text.AppendLine();
        foreach (var line in ComparisonSummary.RungLines(result).Concat(ComparisonSummary.NoteLines(result))) text.AppendLine(line);
        return text.ToString();
    }
}
