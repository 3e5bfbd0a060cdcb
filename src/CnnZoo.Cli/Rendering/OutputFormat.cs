namespace CnnZoo.Cli.Rendering;

/// <summary>How a command prints its table.</summary>
public enum OutputFormat
{
    /// <summary>A Spectre.Console table (colours on a terminal, plain box drawing when redirected).</summary>
    Table,
    /// <summary>A GitHub-flavoured Markdown table.</summary>
    Markdown,
    /// <summary>Comma-separated values with a header row (numbers without thousands separators).</summary>
    Csv,
}

/// <summary>The shared <c>--format</c> option.</summary>
public static class OutputFormatOption
{
    /// <summary>Creates <c>--format table|markdown|csv</c> (default table).</summary>
    public static Option<OutputFormat> Create() => EnumOption.Create("--format", "Output format.", OutputFormat.Table, "-f");
}
