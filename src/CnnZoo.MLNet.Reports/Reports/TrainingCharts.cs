using CnnZoo.MLNet.Training;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace CnnZoo.MLNet.Reports;

/// <summary>What a learning-curve chart plots against the epoch.</summary>
public enum LearningCurve
{
    /// <summary>Mean cross-entropy.</summary>
    Loss,
    /// <summary>Share classified correctly, in %.</summary>
    Accuracy,
    /// <summary>Share misclassified, in % (the ResNet paper's figures).</summary>
    Error,
}

/// <summary>Learning-curve charts of training runs (<see cref="TrainingResult.History"/>), as OxyPlot models: render with <see cref="ChartRendering"/>.</summary>
public static class TrainingCharts
{
    private static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(0x1f, 0x77, 0xb4), OxyColor.FromRgb(0xd6, 0x27, 0x28), OxyColor.FromRgb(0x2c, 0xa0, 0x2c), OxyColor.FromRgb(0xff, 0x7f, 0x0e),
        OxyColor.FromRgb(0x94, 0x67, 0xbd), OxyColor.FromRgb(0x8c, 0x56, 0x4b), OxyColor.FromRgb(0xe3, 0x77, 0xc2), OxyColor.FromRgb(0x7f, 0x7f, 0x7f),
    ];

    /// <summary>
    /// One chart with a colour per run: training curves dashed, validation curves solid (where the run had validation
    /// data), against the epoch, like the ResNet paper's Figure 1. Mid-epoch reports are left out.
    /// </summary>
    /// <param name="runs">Run names and their epoch histories (e.g. <c>("plain-20", trainer.LastResult.History)</c>).</param>
    /// <param name="curve">Loss, accuracy or error.</param>
    /// <param name="title">Chart title; default names the curve.</param>
    public static PlotModel LearningCurves(IEnumerable<(string Name, IReadOnlyList<EpochMetrics> History)> runs, LearningCurve curve = LearningCurve.Loss, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var list = runs.ToList();
        if (list.Count == 0) throw new ArgumentException("Give at least one run.", nameof(runs));
        var model = new PlotModel { Title = title ?? $"{Describe(curve)} per epoch (dashed: training, solid: validation)", TitleFontSize = 14 };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.RightTop, LegendPlacement = LegendPlacement.Outside });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "epoch", MinimumPadding = 0.02, MaximumPadding = 0.02, MinimumMajorStep = 1, MinimumMinorStep = 1, MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = Describe(curve), MajorGridlineStyle = LineStyle.Dot });
        for (var i = 0; i < list.Count; i++)
        {
            var (name, history) = list[i];
            ArgumentNullException.ThrowIfNull(history, nameof(runs));
            var epochs = history.Where(m => m.IsEpochEnd).ToList();
            var color = Palette[i % Palette.Length];
            var train = new LineSeries { Title = $"{name} train", Color = color, LineStyle = LineStyle.Dash, MarkerType = epochs.Count <= 30 ? MarkerType.Circle : MarkerType.None, MarkerSize = 2.5, MarkerFill = color };
            var validation = new LineSeries { Title = $"{name} validation", Color = color, LineStyle = LineStyle.Solid, StrokeThickness = 2.5, MarkerType = epochs.Count <= 30 ? MarkerType.Circle : MarkerType.None, MarkerSize = 3, MarkerFill = color };
            foreach (var m in epochs)
            {
                train.Points.Add(new DataPoint(m.Epoch, Value(curve, m.TrainLoss, m.TrainAccuracy)));
                if (m.ValidationLoss is double vl && m.ValidationAccuracy is double va) validation.Points.Add(new DataPoint(m.Epoch, Value(curve, vl, va)));
            }
            model.Series.Add(train);
            if (validation.Points.Count > 0) model.Series.Add(validation);
        }
        return model;
    }

    /// <summary>One run's loss and accuracy (training and validation) in two stacked panels of one chart.</summary>
    public static PlotModel History(IReadOnlyList<EpochMetrics> history, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var epochs = history.Where(m => m.IsEpochEnd).ToList();
        var model = new PlotModel { Title = title ?? "Training history", TitleFontSize = 14 };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.RightTop, LegendPlacement = LegendPlacement.Outside });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "epoch", MinimumMajorStep = 1, MinimumMinorStep = 1, MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Key = "loss", Title = "loss", StartPosition = 0.52, EndPosition = 1, MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Key = "acc", Title = "accuracy %", StartPosition = 0, EndPosition = 0.48, MajorGridlineStyle = LineStyle.Dot });
        void Add(string name, string axis, OxyColor color, LineStyle style, Func<EpochMetrics, double?> value)
        {
            var series = new LineSeries { Title = name, YAxisKey = axis, Color = color, LineStyle = style, MarkerType = MarkerType.Circle, MarkerSize = 2.5, MarkerFill = color };
            foreach (var m in epochs) if (value(m) is double v) series.Points.Add(new DataPoint(m.Epoch, v));
            if (series.Points.Count > 0) model.Series.Add(series);
        }
        Add("train loss", "loss", Palette[0], LineStyle.Dash, m => m.TrainLoss);
        Add("validation loss", "loss", Palette[1], LineStyle.Solid, m => m.ValidationLoss);
        Add("train accuracy", "acc", Palette[0], LineStyle.Dash, m => m.TrainAccuracy * 100);
        Add("validation accuracy", "acc", Palette[1], LineStyle.Solid, m => m.ValidationAccuracy * 100);
        return model;
    }

    private static double Value(LearningCurve curve, double loss, double accuracy) => curve switch
    {
        LearningCurve.Loss => loss,
        LearningCurve.Accuracy => accuracy * 100,
        _ => (1 - accuracy) * 100,
    };

    private static string Describe(LearningCurve curve) => curve switch
    {
        LearningCurve.Loss => "loss",
        LearningCurve.Accuracy => "accuracy (%)",
        _ => "error (%)",
    };
}
