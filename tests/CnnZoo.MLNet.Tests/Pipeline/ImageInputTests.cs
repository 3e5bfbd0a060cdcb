using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>The trainer's three image inputs: ExtractPixels vectors (elsewhere), Image columns and encoded bytes.</summary>
[TestClass]
public sealed class ImageInputTests
{
    private sealed class FileRow
    {
        public string Path { get; set; } = "";
        public string Label { get; set; } = "";
    }

    /// <summary>Writes 12 small PNGs of two classes (dark / bright) and one corrupt file, of the given side.</summary>
    private static List<FileRow> WriteImages(TempFolder folder, int side = 20, bool withCorrupt = false, int? oddSide = null)
    {
        var rows = new List<FileRow>();
        for (var i = 0; i < 12; i++)
        {
            var size = oddSide is int odd && i == 5 ? odd : side;
            var bright = i % 2 == 1;
            var pixels = new byte[size * size * 4];
            for (var p = 0; p < size * size; p++)
            {
                var v = (byte)(bright ? 200 + (p % 50) : 20 + (p % 30));
                (pixels[p * 4], pixels[p * 4 + 1], pixels[p * 4 + 2], pixels[p * 4 + 3]) = (v, (byte)(v / 2), (byte)(255 - v), 255);
            }
            var path = folder.File($"img{i}.png");
            using (var image = MLImage.CreateFromPixels(size, size, MLPixelFormat.Rgba32, pixels)) image.Save(path);
            rows.Add(new FileRow { Path = path, Label = bright ? "bright" : "dark" });
        }
        if (withCorrupt)
        {
            var corrupt = folder.File("corrupt.png");
            File.WriteAllBytes(corrupt, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5]);
            rows.Insert(3, new FileRow { Path = corrupt, Label = "dark" });
        }
        return rows;
    }

    private static CnnTrainer.Options Tiny(string feature) => new() { Architecture = "resnet20_cifar", FeatureColumnName = feature, Epochs = 2, BatchSize = 4, ImageSize = 16 };

    private sealed class FloatPixelRow
    {
        [VectorType(3, 16, 16)] public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    private sealed class BytePixelRow
    {
        [VectorType(3, 16, 16)] public byte[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    [TestMethod]
    public void BytePixelVectorsScoreExactlyLikeTheirFloatValues()
    {
        var ml = new MLContext(1);
        var random = new Random(3);
        var bytes = Enumerable.Range(0, 12).Select(i => new BytePixelRow
        {
            // Every byte value occurs, at lengths that are not a multiple of a SIMD register.
            Features = Enumerable.Range(0, 3 * 16 * 16).Select(p => (byte)((p * 7 + i * 31 + random.Next(256)) % 256)).ToArray(),
            Label = i % 2 == 0 ? "even" : "odd",
        }).ToList();
        var floats = bytes.Select(r => new FloatPixelRow { Features = r.Features.Select(b => (float)b).ToArray(), Label = r.Label }).ToList();
        var floatData = ml.Data.LoadFromEnumerable(floats);
        var byteData = ml.Data.LoadFromEnumerable(bytes);
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(floatData);
        using var model = ml.MulticlassClassification.Trainers.Cnn(Tiny("Features")).Fit(keys.Transform(floatData));

        float[][] Scores(IDataView data) => model.Transform(keys.Transform(data)).GetColumn<float[]>("Score").ToArray();
        var fromFloats = Scores(floatData);
        var fromBytes = Scores(byteData);

        Assert.HasCount(12, fromBytes);
        for (var i = 0; i < fromFloats.Length; i++) CollectionAssert.AreEqual(fromFloats[i], fromBytes[i], $"row {i}");
    }

    [TestMethod]
    public void TrainsOnAnImageColumnFromLoadImagesAndResizeImages()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(WriteImages(folder));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadImages("Image", folder.Path, "Path"))
            .Append(ml.Transforms.ResizeImages("Image", 16, 16))
            .Append(ml.MulticlassClassification.Trainers.Cnn(Tiny("Image")))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        using var model = (IDisposable)pipeline.Fit(data);
        var metrics = ml.MulticlassClassification.Evaluate(((ITransformer)model).Transform(data));
        Assert.IsGreaterThan(0.0, metrics.MicroAccuracy);
        ml.Model.Save((ITransformer)model, data.Schema, folder.File("model.zip"));
        var reloaded = ml.Model.Load(folder.File("model.zip"), out _);
        Assert.AreEqual(metrics.LogLoss, ml.MulticlassClassification.Evaluate(reloaded.Transform(data)).LogLoss, 1e-6);
    }

    [TestMethod]
    public void TrainsOnEncodedBytesDecodedAndResizedInternally()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(WriteImages(folder, side: 24));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadRawImageBytes("Bytes", folder.Path, "Path"))
            .Append(ml.MulticlassClassification.Trainers.Cnn(Tiny("Bytes")));
        using var model = (IDisposable)pipeline.Fit(data);
        var cnn = ((TransformerChain<Scoring.CnnTransformer>)model).LastTransformer;
        Assert.AreEqual("3×16×16", cnn.Input.ShapeText, "24×24 files resized to the requested 16×16, RGB");
        var scores = FashionMnist.Scores(ml, (ITransformer)model, data);
        Assert.HasCount(12, scores);
    }

    [TestMethod]
    public void CorruptImageFailsWithItsRowOrIsSkippedAndCounted()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(1);
        var logs = new List<string>();
        ml.Log += (_, e) => { lock (logs) logs.Add(e.Message); };
        var data = ml.Data.LoadFromEnumerable(WriteImages(folder, withCorrupt: true));
        IEstimator<ITransformer> Pipeline(bool skip)
        {
            var options = Tiny("Bytes");
            options.SkipInvalidImages = skip;
            return ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.Transforms.LoadRawImageBytes("Bytes", folder.Path, "Path")).Append(ml.MulticlassClassification.Trainers.Cnn(options));
        }
        var error = Assert.Throws<Exception>(() => Pipeline(skip: false).Fit(data));
        StringAssert.Contains(error.Message, "Row 3");
        StringAssert.Contains(error.Message, "'Bytes'");

        using var model = (IDisposable)Pipeline(skip: true).Fit(data);
        Assert.IsTrue(logs.Any(l => l.Contains("Skipped 1 rows", StringComparison.Ordinal)), "the skip is counted in the log");
    }

    [TestMethod]
    public void ImagesOfVaryingSizeNeedAResize()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(WriteImages(folder, side: 16, oddSide: 18));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadImages("Image", folder.Path, "Path"))
            .Append(ml.MulticlassClassification.Trainers.Cnn(Tiny("Image")));
        var error = Assert.Throws<Exception>(() => pipeline.Fit(data));
        StringAssert.Contains(error.Message, "Row 5");
        StringAssert.Contains(error.Message, "ResizeImages");
    }
}
