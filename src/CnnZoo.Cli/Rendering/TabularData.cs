namespace CnnZoo.Cli.Rendering;

/// <summary>A column of a <see cref="TabularData"/>.</summary>
/// <param name="Header">Header text.</param>
/// <param name="Numeric">Right-aligned, and in CSV written without thousands separators.</param>
public sealed record TabularColumn(string Header, bool Numeric = false);

/// <summary>A table of text cells with a title and footer lines, rendered in any <see cref="OutputFormat"/> by <see cref="TabularWriter"/>.</summary>
public sealed class TabularData
{
    private readonly List<string[]> _rows = [];

    /// <summary>Creates an empty table with the given columns.</summary>
    public TabularData(params TabularColumn[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0) throw new ArgumentException("A table needs at least one column.", nameof(columns));
        Columns = columns;
    }

    /// <summary>The columns.</summary>
    public IReadOnlyList<TabularColumn> Columns { get; }

    /// <summary>The rows, each with one cell per column.</summary>
    public IReadOnlyList<string[]> Rows => _rows;

    /// <summary>Optional line printed above the table (not in CSV).</summary>
    public string? Title { get; set; }

    /// <summary>Lines printed below the table (totals, notes; not in CSV).</summary>
    public List<string> Footer { get; } = [];

    /// <summary>Adds a row; the cell count must equal the column count.</summary>
    public void AddRow(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"Row has {cells.Length} cells; the table has {Columns.Count} columns.", nameof(cells));
        _rows.Add(cells);
    }
}
