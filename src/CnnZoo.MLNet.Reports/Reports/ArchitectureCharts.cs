using CnnZoo.Architectures.Analysis;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CnnZoo.MLNet.Reports;

/// <summary>Charts of measured architectures (<see cref="ZooOverview"/>): what they cost.</summary>
public static class ArchitectureCharts
{
    /// <summary>
    /// Parameters against multiply-accumulates per image (both log scale), one labelled point per architecture, coloured
    /// by family: AlexNet and VGG high on parameters (their FC layers), GoogLeNet and ResNet far lower for their depth.
    /// Points that would overlap a label already drawn stay unlabelled. Best rendered at about 900 × 520.
    /// </summary>
    public static PlotModel Cost(IEnumerable<ZooEntry> entries, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        var model = new PlotModel { Title = title ?? "Parameters vs multiply-accumulates per image (canonical input)", TitleFontSize = 14 };
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Title = "GMACs per image", MaximumPadding = 0.25, MajorGridlineStyle = LineStyle.Dot, MinorGridlineStyle = LineStyle.None });
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Left, Title = "parameters (millions)", MajorGridlineStyle = LineStyle.Dot, MinorGridlineStyle = LineStyle.None });
        var palette = new[] { OxyColors.SteelBlue, OxyColors.Firebrick, OxyColors.ForestGreen, OxyColors.DarkOrange, OxyColors.MediumPurple, OxyColors.SaddleBrown, OxyColors.DeepPink, OxyColors.Gray };
        var families = list.Select(e => e.Spec.Family).Distinct().ToList();
        model.Legends.Add(new OxyPlot.Legends.Legend { LegendPosition = OxyPlot.Legends.LegendPosition.RightBottom, LegendPlacement = OxyPlot.Legends.LegendPlacement.Outside });
        var labelled = new List<(double X, double Y)>();
        for (var f = 0; f < families.Count; f++)
        {
            var color = palette[f % palette.Length];
            var series = new ScatterSeries { Title = families[f], MarkerType = MarkerType.Circle, MarkerSize = 4, MarkerFill = color };
            foreach (var e in list.Where(e => e.Spec.Family == families[f] && e.Macs > 0 && e.Parameters > 0))
            {
                var point = new DataPoint(e.Macs / 1e9, e.Parameters / 1e6);
                series.Points.Add(new ScatterPoint(point.X, point.Y));
                // Label a point only where no label is yet (in log space): the nets of a family often coincide.
                var (lx, ly) = (Math.Log10(point.X), Math.Log10(point.Y));
                if (labelled.Any(p => Math.Abs(p.X - lx) < 0.3 && Math.Abs(p.Y - ly) < 0.12)) continue;
                labelled.Add((lx, ly));
                model.Annotations.Add(new TextAnnotation
                {
                    Text = e.Spec.Name, TextPosition = point, FontSize = 8, TextColor = color, Stroke = OxyColors.Transparent,
                    TextHorizontalAlignment = HorizontalAlignment.Left, TextVerticalAlignment = VerticalAlignment.Middle, Offset = new ScreenVector(5, 0),
                });
            }
            model.Series.Add(series);
        }
        return model;
    }
}
