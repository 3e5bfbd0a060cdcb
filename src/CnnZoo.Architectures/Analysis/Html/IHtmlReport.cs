namespace CnnZoo.Architectures.Analysis;

/// <summary>
/// A report that renders itself as a self-contained HTML fragment (inline styles, no scripts), for notebooks and web pages.
/// The CnnZoo.MLNet package's notebook extension displays every <see cref="IHtmlReport"/> as HTML.
/// </summary>
public interface IHtmlReport
{
    /// <summary>The report as an HTML fragment.</summary>
    string ToHtml();
}
