using System.Globalization;
using System.Text;
using Spectre.Console;

namespace CnnZoo.Cli.Rendering;

/// <summary>Writes a <see cref="TabularData"/> as a Spectre table, Markdown or CSV.</summary>
public static class TabularWriter
{
    /// <summary>Writes <paramref name="data"/> to the context's output in <paramref name="format"/>.</summary>
    public static void Write(CliContext context, TabularData data, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        switch (format)
        {
            case OutputFormat.Markdown:
                context.Out.Write(ToMarkdown(data));
                break;
            case OutputFormat.Csv:
                context.Out.Write(ToCsv(data));
                break;
            default:
                WriteTable(context, data);
                break;
        }
        context.Out.Flush();
    }

    private static void WriteTable(CliContext context, TabularData data)
    {
        if (data.Title is not null) context.Console.WriteLine(data.Title);
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in data.Columns)
        {
            var header = new TableColumn(new Text(column.Header, new Style(decoration: Decoration.Bold)));
            table.AddColumn(column.Numeric ? header.RightAligned() : header);
        }
        foreach (var row in data.Rows) table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)));
        context.Console.Write(table);
        foreach (var line in data.Footer) context.Console.WriteLine(line);
    }

    /// <summary>The table as GitHub-flavoured Markdown (title and footer as paragraphs).</summary>
    public static string ToMarkdown(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sb = new StringBuilder();
        if (data.Title is not null) sb.Append(data.Title).Append("\n\n");
        sb.Append("| ").Append(string.Join(" | ", data.Columns.Select(c => EscapeMarkdown(c.Header)))).Append(" |\n");
        sb.Append('|').Append(string.Join("|", data.Columns.Select(c => c.Numeric ? " ---: " : " --- "))).Append("|\n");
        foreach (var row in data.Rows) sb.Append("| ").Append(string.Join(" | ", row.Select(EscapeMarkdown))).Append(" |\n");
        if (data.Footer.Count > 0)
        {
            sb.Append('\n');
            foreach (var line in data.Footer) sb.Append(line).Append("  \n");
        }
        return sb.ToString();
    }

    /// <summary>The rows as CSV with a header row; numeric cells lose their thousands separators.</summary>
    public static string ToCsv(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sb = new StringBuilder();
        sb.Append(string.Join(",", data.Columns.Select(c => Csv(c.Header)))).Append('\n');
        foreach (var row in data.Rows)
            sb.Append(string.Join(",", row.Select((cell, i) => Csv(data.Columns[i].Numeric ? Plain(cell) : cell)))).Append('\n');
        return sb.ToString();
    }

    /// <summary>Quotes a CSV field when it holds a comma, quote or line break.</summary>
    public static string Csv(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Plain(string numeric)
        => long.TryParse(numeric, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)
            ? value.ToString(CultureInfo.InvariantCulture) : numeric;

    private static string EscapeMarkdown(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
