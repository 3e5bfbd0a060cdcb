using System.Globalization;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CnnZoo.MLNet.Comparison;

/// <summary>Validation accuracy against a cost (parameters, training time) on a log axis, the Pareto front marked.</summary>
internal static class AccuracyTradeOffChart
{
    public static PlotModel Create(ComparisonResult result, string title, string costTitle, Func<TrialResult, double> cost, Func<double, string> formatCost)
    {
        var trials = result.Leaderboard.Where(t => cost(t) > 0).ToList();
        var model = ChartStyle.NewModel(title, "red: Pareto front (no other trial is both cheaper and more accurate)");
        model.Axes.Add(new LogarithmicAxis
        {
            Position = AxisPosition.Bottom, Title = costTitle, LabelFormatter = formatCost, IntervalLength = 90,
            MajorGridlineStyle = LineStyle.Dot, MajorGridlineColor = ChartStyle.Grid,
            Minimum = trials.Count > 0 ? trials.Min(cost) / 2 : double.NaN, Maximum = trials.Count > 0 ? trials.Max(cost) * 2 : double.NaN,
        });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left, Title = "Validation accuracy", StringFormat = "0.00",
            MajorGridlineStyle = LineStyle.Dot, MajorGridlineColor = ChartStyle.Grid, MinimumPadding = 0.12, MaximumPadding = 0.12,
        });

        var front = ParetoFront.Indices(trials.Select(t => (cost(t), t.Accuracy)).ToList()).ToHashSet();
        var others = new ScatterSeries { Title = "trial", MarkerType = MarkerType.Circle, MarkerSize = 6, MarkerFill = ChartStyle.Point };
        var frontPoints = new ScatterSeries { Title = "Pareto front", MarkerType = MarkerType.Diamond, MarkerSize = 8, MarkerFill = ChartStyle.Front };
        var frontLine = new LineSeries { Color = ChartStyle.Front, LineStyle = LineStyle.Dash, StrokeThickness = 1.5 };
        for (var i = 0; i < trials.Count; i++)
        {
            var (x, y) = (cost(trials[i]), trials[i].Accuracy);
            (front.Contains(i) ? frontPoints : others).Points.Add(new ScatterPoint(x, y));
            model.Annotations.Add(new TextAnnotation
            {
                Text = trials[i].Name, TextPosition = new DataPoint(x, y), Offset = new ScreenVector(0, -9),
                TextHorizontalAlignment = HorizontalAlignment.Center, TextVerticalAlignment = VerticalAlignment.Bottom,
                Stroke = OxyColors.Undefined, StrokeThickness = 0, FontSize = 10,
                TextColor = front.Contains(i) ? ChartStyle.Front : OxyColors.Black,
            });
        }
        foreach (var i in front.OrderBy(i => cost(trials[i]))) frontLine.Points.Add(new DataPoint(cost(trials[i]), trials[i].Accuracy));
        model.Series.Add(frontLine);
        model.Series.Add(others);
        model.Series.Add(frontPoints);
        return model;
    }

    public static string Seconds(double seconds) => seconds.ToString(seconds < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + " s";
}
