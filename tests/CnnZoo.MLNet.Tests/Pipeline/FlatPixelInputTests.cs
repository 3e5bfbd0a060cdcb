using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>Pixels as a plain fixed-length vector (a CSV row, [VectorType(784)]) are read as square planar images.</summary>
[TestClass]
public sealed class FlatPixelInputTests
{
    private sealed class CsvRow
    {
        [LoadColumn(0)] public string Label { get; set; } = "";
        [LoadColumn(1, 784), VectorType(784)] public float[] Pixels { get; set; } = [];
    }

    private sealed class ShapedRow
    {
        public string Label { get; set; } = "";
        [VectorType(1, 28, 28)] public float[] Pixels { get; set; } = [];
    }

    private static List<ShapedRow> Images(int count, int length = 784)
    {
        var random = new Random(7);
        return Enumerable.Range(0, count).Select(i => new ShapedRow
        {
            Label = i % 2 == 0 ? "dark" : "bright",
            Pixels = Enumerable.Range(0, length).Select(_ => (float)(i % 2 * 150 + random.Next(100))).ToArray(),
        }).ToList();
    }

    private static string WriteCsv(TempFolder folder, IEnumerable<ShapedRow> rows)
    {
        var path = folder.File("pixels.csv");
        File.WriteAllLines(path, rows.Select(r => r.Label + "," + string.Join(",", r.Pixels.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        return path;
    }

    [TestMethod]
    public void ACsvOf784PixelsTrainsLeNetAndScoresLikeTheShapedColumn()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(1);
        var rows = Images(16);
        var csv = ml.Data.LoadFromTextFile<CsvRow>(WriteCsv(folder, rows), separatorChar: ',');
        Assert.AreEqual("Vector<Single, 784>", Data.ImageColumnInfo.Describe(csv.Schema["Pixels"].Type), "TextLoader drops the dimensions");

        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(csv);
        using var model = ml.MulticlassClassification.Trainers.Cnn(new CnnTrainer.Options { Architecture = "lenet5", FeatureColumnName = "Pixels", Epochs = 1, BatchSize = 8 })
            .Fit(keys.Transform(csv));

        Assert.AreEqual("1×28×28", model.Input.ShapeText);
        var fromCsv = model.Transform(keys.Transform(csv)).GetColumn<float[]>("Score").ToArray();
        var fromShaped = model.Transform(keys.Transform(ml.Data.LoadFromEnumerable(rows))).GetColumn<float[]>("Score").ToArray();
        Assert.HasCount(16, fromCsv);
        for (var i = 0; i < fromCsv.Length; i++) CollectionAssert.AreEqual(fromShaped[i], fromCsv[i], $"row {i}");
    }

    [TestMethod]
    public void ALengthThatIsNoSquareImageSaysWhatWouldFit()
    {
        var ml = new MLContext(1);
        var flat = ml.Data.LoadFromEnumerable(Images(4, length: 785).Select(r => new FlatRow785 { Label = r.Label, Pixels = r.Pixels }));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(flat).Transform(flat);
        var error = Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.Cnn("lenet5", featureColumnName: "Pixels").Fit(keyed));
        StringAssert.Contains(error.Message, "'Pixels'");
        StringAssert.Contains(error.Message, "785 values");
        StringAssert.Contains(error.Message, "ImageChannels");
    }

    private sealed class FlatRow785
    {
        public string Label { get; set; } = "";
        [VectorType(785)] public float[] Pixels { get; set; } = [];
    }
}
