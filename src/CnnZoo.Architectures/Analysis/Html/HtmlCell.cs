namespace CnnZoo.Architectures.Analysis;

/// <summary>One cell of an <see cref="HtmlTable"/>: text (encoded when rendered) or raw HTML, with optional colours and tooltip.</summary>
/// <param name="Content">The text, or HTML when <paramref name="IsHtml"/> is true.</param>
/// <param name="Background">CSS background colour, e.g. <c>#e6f4ea</c>.</param>
/// <param name="Title">Tooltip text.</param>
/// <param name="Bold">Render in bold.</param>
/// <param name="IsHtml">Insert <paramref name="Content"/> as HTML rather than text.</param>
/// <param name="Color">CSS text colour.</param>
public readonly record struct HtmlCell(string Content, string? Background = null, string? Title = null, bool Bold = false, bool IsHtml = false, string? Color = null)
{
    /// <summary>A plain text cell.</summary>
    public static implicit operator HtmlCell(string text) => new(text ?? "");

    /// <summary>A cell holding raw HTML.</summary>
    public static HtmlCell Html(string html) => new(html ?? "", IsHtml: true);
}
