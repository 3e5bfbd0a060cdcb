using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CnnZoo.MLNet.Comparison;

/// <summary>The winner's confusion matrix on the validation data: true class down, predicted class across, counts in the cells.</summary>
internal static class ConfusionMatrixChart
{
    public static PlotModel Create(ComparisonResult result)
    {
        var best = result.BestTrial ?? throw new InvalidOperationException("The comparison evaluated no trial; there is no confusion matrix to draw.");
        var counts = best.Metrics.ConfusionMatrix.Counts;
        var classes = counts.Count;
        var names = Enumerable.Range(0, classes).Select(i => i < result.ClassNames.Count ? result.ClassNames[i] : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var model = ChartStyle.NewModel($"Confusion matrix: {best.Name}", $"validation data, accuracy {best.Accuracy:0.000}; rows: true class, columns: predicted");

        var predicted = new CategoryAxis { Position = AxisPosition.Bottom, Title = "Predicted", Angle = classes > 4 ? -40 : 0, Key = "x", GapWidth = 0 };
        predicted.Labels.AddRange(names);
        var actual = new CategoryAxis { Position = AxisPosition.Left, Title = "True", Key = "y", StartPosition = 1, EndPosition = 0, GapWidth = 0 };
        actual.Labels.AddRange(names);
        model.Axes.Add(predicted);
        model.Axes.Add(actual);
        model.Axes.Add(new LinearColorAxis
        {
            Position = AxisPosition.Right, Title = "Images", Minimum = 0,
            Palette = OxyPalette.Interpolate(200, OxyColors.White, OxyColor.FromRgb(0x6B, 0xAE, 0xD6), OxyColor.FromRgb(0x08, 0x30, 0x6B)),
        });

        var data = new double[classes, classes];
        for (var row = 0; row < classes; row++)
        for (var column = 0; column < classes; column++)
            data[column, row] = counts[row][column];
        model.Series.Add(new HeatMapSeries
        {
            X0 = 0, X1 = classes - 1, Y0 = 0, Y1 = classes - 1, Data = data, XAxisKey = "x", YAxisKey = "y",
            CoordinateDefinition = HeatMapCoordinateDefinition.Center, RenderMethod = HeatMapRenderMethod.Rectangles,
            LabelFormatString = "0", LabelFontSize = classes > 12 ? 0 : 0.28,
        });
        return model;
    }
}
