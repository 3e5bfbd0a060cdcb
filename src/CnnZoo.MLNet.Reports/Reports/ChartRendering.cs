using System.Net;
using OxyPlot;

namespace CnnZoo.MLNet.Reports;

/// <summary>Renders OxyPlot charts to PNG (SkiaSharp) or SVG, for reports and notebooks.</summary>
public static class ChartRendering
{
    /// <summary>Renders the chart to a PNG picture.</summary>
    public static PngImage ToPng(this PlotModel model, int width = 720, int height = 400)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 16);
        using var stream = new MemoryStream();
        new OxyPlot.SkiaSharp.PngExporter { Width = width, Height = height }.Export(model, stream);
        return new PngImage(stream.ToArray(), width, height);
    }

    /// <summary>Renders the chart to an SVG document.</summary>
    public static string ToSvg(this PlotModel model, int width = 720, int height = 400)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        new OxyPlot.SkiaSharp.SvgExporter { Width = width, Height = height }.Export(model, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The chart as SVG wrapped in a <c>&lt;div&gt;</c>, for HTML outputs (a bare <c>image/svg+xml</c> output renders blank in some notebook viewers).
    /// </summary>
    public static string ToSvgHtml(this PlotModel model, int width = 720, int height = 400)
    {
        var svg = model.ToSvg(width, height);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return "<div>" + (start >= 0 ? svg[start..] : WebUtility.HtmlEncode(svg)) + "</div>";
    }
}
