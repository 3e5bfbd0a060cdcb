using System.Net;
using System.Text;

namespace CnnZoo.Architectures.Analysis;

/// <summary>
/// A small HTML table builder with inline styles (so it looks the same in Jupyter, VS Code and nbconvert): a caption,
/// a header row, body rows, optional footer rows and notes under the table. Numeric columns are right-aligned.
/// </summary>
public sealed class HtmlTable : IHtmlReport
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<(HtmlCell[]? Cells, HtmlCell Span)> _rows = new();
    private readonly List<HtmlCell[]> _footer = new();

    /// <summary>A table with these column headers.</summary>
    public HtmlTable(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.Length == 0) throw new ArgumentException("A table needs at least one column.", nameof(headers));
        _headers = headers;
        _rightAligned = new bool[headers.Length];
    }

    /// <summary>Text above the table.</summary>
    public string? Caption { get; set; }

    /// <summary>Lines of text shown under the table.</summary>
    public IList<string> Notes { get; } = new List<string>();

    /// <summary>Column headers.</summary>
    public IReadOnlyList<string> Headers => _headers;

    /// <summary>Body rows added so far.</summary>
    public int RowCount => _rows.Count;

    /// <summary>Right-aligns these (zero-based) columns, for numbers.</summary>
    public HtmlTable AlignRight(params int[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var c in columns)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(c);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(c, _headers.Length);
            _rightAligned[c] = true;
        }
        return this;
    }

    /// <summary>Adds a body row; it must have one cell per column.</summary>
    public HtmlTable AddRow(params HtmlCell[] cells)
    {
        _rows.Add((Checked(cells), default));
        return this;
    }

    /// <summary>Adds a footer row (totals), drawn bold under a rule; one cell per column.</summary>
    public HtmlTable AddFooterRow(params HtmlCell[] cells)
    {
        _footer.Add(Checked(cells));
        return this;
    }

    /// <summary>Adds one row spanning all columns (e.g. "… 120 more rows …").</summary>
    public HtmlTable AddSpanningRow(HtmlCell cell)
    {
        _rows.Add((null, cell));
        return this;
    }

    private HtmlCell[] Checked(HtmlCell[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _headers.Length)
            throw new ArgumentException($"The row has {cells.Length} cells; the table has {_headers.Length} columns ({string.Join(", ", _headers)}).", nameof(cells));
        return cells;
    }

    /// <summary>The table's CSS, scoped to its class; emitted with every table so each fragment stands alone.</summary>
    private const string Style =
        "<style>.cnnzoo-t{border-collapse:collapse;font-size:13px;font-variant-numeric:tabular-nums;margin:2px 0}"
        + ".cnnzoo-t th{padding:3px 8px;border-bottom:2px solid #888;background:#f3f3f3;text-align:left}"
        + ".cnnzoo-t td{padding:2px 8px;border-bottom:1px solid #e2e2e2;text-align:left}"
        + ".cnnzoo-t .r{text-align:right}.cnnzoo-t tfoot td{font-weight:bold;border-top:2px solid #888}"
        + ".cnnzoo-t td.s{color:#666;font-style:italic;text-align:center}"
        + ".cnnzoo-cap{font-weight:bold;margin:6px 0 4px 0}.cnnzoo-note{font-size:12px;color:#555;margin-top:3px}</style>";

    /// <inheritdoc />
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<div class=\"cnnzoo-report\">").Append(Style);
        if (!string.IsNullOrEmpty(Caption))
            sb.Append("<div class=\"cnnzoo-cap\">").Append(Encode(Caption)).Append("</div>");
        sb.Append("<table class=\"cnnzoo-t\"><thead><tr>");
        for (var i = 0; i < _headers.Length; i++)
            sb.Append(_rightAligned[i] ? "<th class=\"r\">" : "<th>").Append(Encode(_headers[i])).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var (cells, span) in _rows)
        {
            if (cells is not null) AppendRow(sb, cells);
            else sb.Append("<tr><td class=\"s\" colspan=\"").Append(_headers.Length).Append("\">").Append(Content(span)).Append("</td></tr>");
        }
        sb.Append("</tbody>");
        if (_footer.Count > 0)
        {
            sb.Append("<tfoot>");
            foreach (var row in _footer) AppendRow(sb, row);
            sb.Append("</tfoot>");
        }
        sb.Append("</table>");
        foreach (var note in Notes)
            sb.Append("<div class=\"cnnzoo-note\">").Append(Encode(note)).Append("</div>");
        sb.Append("</div>");
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToHtml();

    private void AppendRow(StringBuilder sb, HtmlCell[] row)
    {
        sb.Append("<tr>");
        for (var i = 0; i < row.Length; i++)
        {
            var cell = row[i];
            sb.Append("<td");
            if (_rightAligned[i]) sb.Append(" class=\"r\"");
            if (cell.Bold || cell.Background is not null || cell.Color is not null)
            {
                sb.Append(" style=\"");
                if (cell.Bold) sb.Append("font-weight:bold;");
                if (cell.Background is not null) sb.Append("background:").Append(Encode(cell.Background)).Append(';');
                if (cell.Color is not null) sb.Append("color:").Append(Encode(cell.Color)).Append(';');
                sb.Append('"');
            }
            if (cell.Title is not null) sb.Append(" title=\"").Append(Encode(cell.Title)).Append('"');
            sb.Append('>').Append(Content(cell)).Append("</td>");
        }
        sb.Append("</tr>");
    }

    private static string Content(HtmlCell cell) => cell.IsHtml ? cell.Content : Encode(cell.Content);

    /// <summary>HTML-encodes text.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
