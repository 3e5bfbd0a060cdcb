using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CnnZoo.MLNet.Comparison;

/// <summary>Validation accuracy per epoch of every trial, with the rung ends marked.</summary>
internal static class LearningCurveChart
{
    public static PlotModel Create(ComparisonResult result)
    {
        var model = ChartStyle.NewModel("Learning curves", "validation accuracy after each epoch; dashed lines: ends of the halving rungs");
        var maxEpoch = Math.Max(1, result.Leaderboard.SelectMany(t => t.LearningCurve).Select(m => m.Epoch).DefaultIfEmpty(1).Max());
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom, Title = "Epoch", Minimum = 0.5, Maximum = maxEpoch + 0.5,
            MajorStep = Math.Max(1, Math.Ceiling(maxEpoch / 10.0)), MinorStep = 1, MajorGridlineStyle = LineStyle.Dot, MajorGridlineColor = ChartStyle.Grid,
        });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left, Title = "Validation accuracy", StringFormat = "0.00",
            MajorGridlineStyle = LineStyle.Dot, MajorGridlineColor = ChartStyle.Grid,
        });
        foreach (var epochs in result.Rungs.Select(r => r.Epochs).Where(e => e < maxEpoch))
        {
            model.Annotations.Add(new LineAnnotation
            {
                Type = LineAnnotationType.Vertical, X = epochs + 0.5, Color = OxyColors.Gray, LineStyle = LineStyle.Dash,
                Text = $"rung {result.Rungs.First(r => r.Epochs == epochs).Rung + 1}", TextColor = OxyColors.Gray, FontSize = 10,
            });
        }
        foreach (var trial in result.Leaderboard.OrderBy(t => t.Trial.Index))
        {
            var series = new LineSeries
            {
                Title = $"{trial.Name} ({trial.StopReason.ToString().ToLowerInvariant()})",
                MarkerType = MarkerType.Circle, MarkerSize = 3.5, StrokeThickness = trial.Rank == 1 ? 3 : 1.8,
            };
            foreach (var epoch in trial.LearningCurve.Where(m => m.ValidationAccuracy is not null))
                series.Points.Add(new DataPoint(epoch.Epoch, epoch.ValidationAccuracy!.Value));
            model.Series.Add(series);
        }
        model.Legends.Add(ChartStyle.LegendOutsideRight());
        return model;
    }
}
