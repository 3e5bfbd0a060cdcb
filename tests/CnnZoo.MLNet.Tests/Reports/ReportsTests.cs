using CnnZoo.Architectures.Analysis;
using CnnZoo.MLNet.Comparison;
using CnnZoo.MLNet.Reports;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using OxyPlot;
using OxyPlot.Series;
using SkiaSharp;

namespace CnnZoo.MLNet.Tests;

/// <summary>The notebook reports: charts, PNG/SVG rendering, training and evaluation tables, live progress, image galleries.</summary>
[TestClass]
public sealed class ReportsTests
{
    [TestMethod]
    public void ChartsRenderToPngAndSvg()
    {
        var chart = TrainingCharts.History(ReportTestData.History(3, validation: true), "history");
        var png = chart.ToPng(400, 300);
        using (var bitmap = SKBitmap.Decode(png.Bytes))
        {
            Assert.AreEqual(400, bitmap.Width);
            Assert.AreEqual(300, bitmap.Height);
        }
        Assert.AreEqual((400, 300), (png.Width, png.Height));
        StringAssert.StartsWith(png.ToHtml(), "<img src=\"data:image/png;base64,iVBOR");

        var svg = chart.ToSvgHtml(400, 300);
        StringAssert.StartsWith(svg, "<div><svg");
        StringAssert.Contains(svg, "history");

        var file = Path.Combine(Path.GetTempPath(), $"cnnzoo-chart-{Guid.NewGuid():N}.png");
        try
        {
            png.Save(file);
            CollectionAssert.AreEqual(png.Bytes, File.ReadAllBytes(file));
        }
        finally { File.Delete(file); }
        Assert.ThrowsExactly<ArgumentException>(() => new PngImage([1, 2, 3, 4, 5, 6, 7, 8], 1, 1));
    }

    [TestMethod]
    public void LearningCurvesDrawTrainingDashedAndValidationSolidPerRunAtEpochEnds()
    {
        var chart = TrainingCharts.LearningCurves(
            [("plain", ReportTestData.History(4, validation: true)), ("residual", ReportTestData.History(4, validation: false))], LearningCurve.Error);
        var series = chart.Series.Cast<LineSeries>().ToList();
        CollectionAssert.AreEqual(new[] { "plain train", "plain validation", "residual train" }, series.Select(s => s.Title).ToArray());
        Assert.AreEqual(LineStyle.Dash, series[0].LineStyle);
        Assert.AreEqual(LineStyle.Solid, series[1].LineStyle);
        Assert.AreEqual(series[0].Color, series[1].Color, "one colour per run");
        CollectionAssert.AreEqual(new[] { 1.0, 2, 3, 4 }, series[0].Points.Select(p => p.X).ToArray(), "mid-epoch reports are left out");
        Assert.AreEqual(40, series[0].Points[0].Y, 1e-9);   // error of accuracy 0.6
        Assert.AreEqual(45, series[1].Points[0].Y, 1e-9);   // error of validation accuracy 0.55
        var loss = TrainingCharts.LearningCurves([("plain", ReportTestData.History(2, validation: false))]);
        Assert.AreEqual(1.0, ((LineSeries)loss.Series[0]).Points[0].Y, 1e-9);
        Assert.ThrowsExactly<ArgumentException>(() => TrainingCharts.LearningCurves([]));
    }

    [TestMethod]
    public void TrainingTablesShowEpochsBestEpochAndComparisons()
    {
        var history = ReportTestData.History(3, validation: true);
        var html = TrainingReports.History(history, "run", bestEpoch: 2).ToHtml();
        Assert.AreEqual(3, TrainingReports.History(history).RowCount, "epoch ends only");
        StringAssert.Contains(html, "<td class=\"r\" style=\"font-weight:bold;\" title=\"best epoch\">2/3</td>");
        StringAssert.Contains(html, "75.00%");       // validation accuracy of epoch 3
        StringAssert.Contains(html, "Bold: the best epoch (2).");

        var result = new TrainingResult(TrainingStopReason.Completed, 3, 0, 30, "val_acc", 3, 0.75, true, history, null);
        StringAssert.Contains(TrainingReports.History(result).ToHtml(), "best by val_acc (its weights were restored)");
        var compare = TrainingReports.Compare([("a", result), ("b", result with { History = ReportTestData.History(2, validation: false) })]);
        Assert.AreEqual(2, compare.RowCount);
        StringAssert.Contains(compare.ToHtml(), "<td>b</td><td class=\"r\">3</td>");
    }

    [TestMethod]
    public void LiveProgressRendersEveryReportAndKeepsEpochEnds()
    {
        var rendered = new List<string>();
        var progress = new HtmlTrainingProgress(rendered.Add, "LeNet <5>");
        StringAssert.Contains(progress.ToHtml(), "waiting");
        foreach (var m in ReportTestData.History(2, validation: true)) progress.Report(m);

        Assert.HasCount(4, rendered);
        Assert.HasCount(2, progress.Epochs);
        Assert.IsTrue(progress.Latest!.IsEpochEnd);
        StringAssert.Contains(rendered[0], "epoch 1/2 (in progress)");
        StringAssert.Contains(rendered[0], "<progress max=\"2\" value=\"0\"");
        StringAssert.Contains(rendered[^1], "<progress max=\"2\" value=\"2\"");
        StringAssert.Contains(rendered[^1], "val accuracy 65.0%");
        StringAssert.Contains(rendered[^1], "LeNet &lt;5&gt;");
        Assert.AreEqual(rendered[^1], progress.ToHtml());
    }

    [TestMethod]
    public void ClassificationTablesUseTheKeyOrderNames()
    {
        var ml = new MLContext(1);
        var (scored, metrics) = ReportTestData.Evaluated(ml);
        var names = KeyNames.Of(scored, "Label");
        CollectionAssert.AreEqual(ReportTestData.Classes, names.ToArray());

        var matrix = ClassificationReports.ConfusionMatrix(metrics.ConfusionMatrix, names).ToHtml();
        StringAssert.Contains(matrix, "<th>true \\ predicted</th><th class=\"r\">cat</th><th class=\"r\">dog</th><th class=\"r\">owl</th>");
        StringAssert.Contains(matrix, "title=\"cat → dog: 33.3% of the row\">1</td>");
        StringAssert.Contains(matrix, "<td class=\"r\">66.67%</td>");   // cat's recall (and owl's)
        var summary = ClassificationReports.Summary(metrics).ToHtml();
        StringAssert.Contains(summary, "75.00%");
        StringAssert.Contains(summary, "top-2 accuracy");
        Assert.AreEqual(3, ClassificationReports.PerClass(metrics, names).RowCount);
        var compare = ClassificationReports.Compare([("worse", metrics), ("same", metrics)]);
        Assert.AreEqual(2, compare.RowCount);
        Assert.ThrowsExactly<ArgumentException>(() => ClassificationReports.ConfusionMatrix(metrics.ConfusionMatrix, ["one"]));
        Assert.ThrowsExactly<ArgumentException>(() => KeyNames.Of(scored, "Predicted"));
        StringAssert.Contains(ClassificationReports.PerClass(metrics).ToHtml(), "<td>2</td>", "without names, the key indices");
    }

    [TestMethod]
    public void GalleryShowsImagesWithLabelsAndMarksMistakes()
    {
        var ml = new MLContext(1);
        var data = FashionMnist.Test(ml, 6);
        var gallery = ImageGallery.FromDataView(data, count: 4);
        Assert.HasCount(4, gallery.Images);
        CollectionAssert.AreEqual(CnnZooDataLabels(ml, data, 4), gallery.Images.Select(i => i.Label).ToArray());
        Assert.IsTrue(gallery.Images.All(i => i.Predicted is null && !i.IsMistake));
        using (var bitmap = SKBitmap.Decode(gallery.Images[0].Png.Bytes))
            Assert.AreEqual((28, 28), (bitmap.Width, bitmap.Height));
        StringAssert.Contains(gallery.ToHtml(), "image-rendering:pixelated");

        var (scored, _) = ReportTestData.Evaluated(ml);
        Assert.ThrowsExactly<ArgumentException>(() => ImageGallery.FromDataView(scored), "no Features column");

        var pixels = Enumerable.Range(0, 2 * 2).Select(i => (float)(i * 80)).ToArray();
        using var grey = SKBitmap.Decode(ImageGallery.Encode(pixels, 1, 2, 2).Bytes);
        Assert.AreEqual(new SKColor(160, 160, 160), grey.GetPixel(0, 1));
        var rgb = Enumerable.Repeat(255f, 4).Concat(Enumerable.Repeat(0f, 8)).ToArray();
        using var red = SKBitmap.Decode(ImageGallery.Encode(rgb, 3, 2, 2).Bytes);
        Assert.AreEqual(new SKColor(255, 0, 0), red.GetPixel(1, 1));
        Assert.ThrowsExactly<ArgumentException>(() => ImageGallery.Encode(pixels, 1, 3, 3));
    }

    [TestMethod]
    public void GalleryOfAModelsOutputShowsPredictionsAndConfidence()
    {
        var ml = new MLContext(1);
        using var model = (IDisposable)FashionMnist.LeNetPipeline(ml, new CnnTrainer.Options { Architecture = "lenet5", Epochs = 1, BatchSize = 32 }).Fit(FashionMnist.Train(ml, 64));
        var scored = ((ITransformer)model).Transform(FashionMnist.Test(ml, 8));
        var gallery = ImageGallery.FromDataView(scored, count: 8);
        Assert.IsTrue(gallery.Images.All(i => i.Predicted is not null && i.Confidence is > 0 and <= 1));
        var html = gallery.ToHtml();
        foreach (var image in gallery.Images.Where(i => i.IsMistake)) StringAssert.Contains(html, $"color:#c00\">→ {System.Net.WebUtility.HtmlEncode(image.Predicted)}");
    }

    [TestMethod]
    public void ArchitectureCostChartHasAPointPerModelAndNoOverlappingLabels()
    {
        var zoo = ZooOverview.Measure(["lenet5", "lenet5_paper", "resnet20_cifar", "plain20_cifar", "resnet56_cifar"]);
        var chart = ArchitectureCharts.Cost(zoo.Entries);
        var series = chart.Series.Cast<ScatterSeries>().ToList();
        CollectionAssert.AreEqual(new[] { "LeNet-5", "ResNet (CIFAR)" }, series.Select(s => s.Title).ToArray());
        Assert.AreEqual(5, series.Sum(s => s.Points.Count));
        var labels = chart.Annotations.OfType<OxyPlot.Annotations.TextAnnotation>().Select(a => a.Text).ToList();
        CollectionAssert.AreEqual(new[] { "lenet5", "resnet20_cifar", "resnet56_cifar" }, labels, "the twins' labels would overlap");
        Assert.IsTrue(chart.ToPng(900, 520).Bytes.Length > 1000);
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void ComparisonFragmentsShowTheLeaderboardAndRungs()
    {
        var ml = new MLContext(1);
        var lines = new List<string>();
        var options = new ComparisonOptions
        {
            Preprocessing = ml.Transforms.Conversion.MapValueToKey("Label"),
            Candidates = ["lenet5", "resnet20_cifar"], MinEpochs = 1, MaxEpochs = 2, Seed = 3,
            ConfigureTrainer = o => { o.BatchSize = 32; },
            Progress = new HtmlComparisonProgress(lines.Add, recentLines: 3),
        };
        using var result = ml.MulticlassClassification.CompareCnns(options).Execute(FashionMnist.Train(ml, 120));

        var board = ComparisonReports.Leaderboard(result);
        Assert.AreEqual(2, board.RowCount);
        var html = ComparisonReports.ToHtml(result);
        StringAssert.Contains(html, "Leaderboard (validation data)");
        StringAssert.Contains(html, $"<td class=\"r\" style=\"font-weight:bold;background:#eaf5ea;\">1</td><td style=\"font-weight:bold;background:#eaf5ea;\">{result.BestTrial!.Name}</td>");
        StringAssert.Contains(html, "Rung 1 (1 epoch): 2 trials");
        Assert.IsTrue(lines.Count >= 4, $"{lines.Count} progress renders");
        StringAssert.Contains(lines[^1], "rungs <progress max=\"2\" value=\"2\"");
        Assert.AreEqual(3, lines[^1].Split("<pre")[1].Count(c => c == '\n'), "the latest three events");
    }

    private static string[] CnnZooDataLabels(MLContext ml, IDataView data, int count) =>
        ml.Data.CreateEnumerable<LabelRow>(data, reuseRowObject: false).Take(count).Select(r => r.Label).ToArray();

    private sealed class LabelRow
    {
        public string Label { get; set; } = "";
    }
}
