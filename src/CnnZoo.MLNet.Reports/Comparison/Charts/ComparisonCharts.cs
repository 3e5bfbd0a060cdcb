using OxyPlot;

namespace CnnZoo.MLNet.Comparison;

/// <summary>
/// The comparison's charts as OxyPlot models, and their rendering to PNG (SkiaSharp) and SVG (OxyPlot's managed exporter).
/// </summary>
public static class ComparisonCharts
{
    /// <summary>Default width of a rendered chart, in pixels (PNG) or user units (SVG).</summary>
    public const int DefaultWidth = 900;
    /// <summary>Default height of a rendered chart.</summary>
    public const int DefaultHeight = 540;

    /// <summary>Validation accuracy per epoch of every trial, with the rung ends marked.</summary>
    public static PlotModel LearningCurves(ComparisonResult result) => LearningCurveChart.Create(Check(result));

    /// <summary>Validation accuracy against trainable parameters (log scale), the Pareto front marked.</summary>
    public static PlotModel AccuracyVsParameters(ComparisonResult result) =>
        AccuracyTradeOffChart.Create(Check(result), "Accuracy vs parameters", "Trainable parameters (log scale)", t => t.Parameters, CompactNumber.Format);

    /// <summary>Validation accuracy against training wall time (log scale), the Pareto front marked.</summary>
    public static PlotModel AccuracyVsTrainTime(ComparisonResult result) =>
        AccuracyTradeOffChart.Create(Check(result), "Accuracy vs training time", "Training time (log scale)", t => t.TrainTime.TotalSeconds, AccuracyTradeOffChart.Seconds);

    /// <summary>The winner's confusion matrix on the validation data.</summary>
    /// <exception cref="InvalidOperationException">No trial was evaluated.</exception>
    public static PlotModel ConfusionMatrix(ComparisonResult result) => ConfusionMatrixChart.Create(Check(result));

    /// <summary>Renders a chart to PNG bytes.</summary>
    public static byte[] ToPng(PlotModel model, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        new OxyPlot.SkiaSharp.PngExporter { Width = width, Height = height }.Export(model, stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Renders a chart to an SVG document (<paramref name="standalone"/>) or an inline <c>&lt;svg&gt;</c> element for HTML.
    /// Text is measured with SkiaSharp (the fonts the PNG uses), so legends and labels get the room they need.
    /// </summary>
    public static string ToSvg(PlotModel model, int width = DefaultWidth, int height = DefaultHeight, bool standalone = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var measurer = new OxyPlot.SkiaSharp.SkiaRenderContext();
        return new SvgExporter
        {
            Width = width, Height = height, IsDocument = standalone, TextMeasurer = measurer,
            // Not every SVG renderer honours dominant-baseline; the workaround places text with explicit offsets.
            UseVerticalTextAlignmentWorkaround = true,
        }.ExportToString(model);
    }

    private static ComparisonResult Check(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result;
    }
}
