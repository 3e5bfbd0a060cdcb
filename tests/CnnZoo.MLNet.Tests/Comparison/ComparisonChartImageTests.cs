using CnnZoo.MLNet.Comparison;
using Microsoft.ML;
using Microsoft.ML.Data;
using OxyPlot;
using OxyPlot.Series;

namespace CnnZoo.MLNet.Tests;

/// <summary>OxyPlot's SkiaSharp rendering and ML.NET's image transforms share one process (docs/architecture.md "Dependency policy").</summary>
[TestClass]
public sealed class ComparisonChartImageTests
{
    private sealed class ImagePath
    {
        public string Path { get; set; } = "";
    }

    [TestMethod]
    public void AChartRenderedToPngLoadsThroughMlNetImageTransforms()
    {
        var chart = new PlotModel { Title = "check", Background = OxyColors.White };
        chart.Series.Add(new FunctionSeries(Math.Sin, 0, 10, 0.1));
        var png = ComparisonCharts.ToPng(chart, 320, 200);
        StringAssert.Contains(ComparisonCharts.ToSvg(chart, 320, 200), "<svg");

        var folder = Path.Combine(Path.GetTempPath(), $"cnnzoo-chart-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "chart.png"), png);
            var ml = new MLContext(1);
            var rows = ml.Data.LoadFromEnumerable([new ImagePath { Path = "chart.png" }]);
            var pixels = ml.Transforms.LoadImages("Image", folder, nameof(ImagePath.Path))
                .Append(ml.Transforms.ResizeImages("Image", 32, 32))
                .Append(ml.Transforms.ExtractPixels("Features", "Image"))
                .Fit(rows).Transform(rows);
            var features = pixels.GetColumn<VBuffer<float>>("Features").Single().DenseValues().ToArray();
            Assert.HasCount(3 * 32 * 32, features);
            Assert.IsGreaterThan(features.Min(), features.Max(), "the chart has white background and dark lines");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
