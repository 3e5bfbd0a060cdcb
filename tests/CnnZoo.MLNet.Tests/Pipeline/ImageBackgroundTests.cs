using CnnZoo.MLNet.Images;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>Transparent PNGs composited on a background before ExtractPixels, instead of read as black.</summary>
[TestClass]
public sealed class ImageBackgroundTests
{
    private sealed class ImagePath
    {
        public string Path { get; set; } = "";
    }

    private sealed class PixelRow
    {
        public float[] Features { get; set; } = [];
    }

    // A 2×1 image: a fully transparent pixel, then red (200, 40, 0) at half opacity. Premultiplied BGRA, as MLImage holds it.
    private static string WriteTransparentPng(string folder)
    {
        byte[] pixels = [0, 0, 0, 0, 0, 20, 100, 128];
        using var image = MLImage.CreateFromPixels(2, 1, MLPixelFormat.Bgra32, pixels);
        var path = Path.Combine(folder, "cutout.png");
        image.Save(path);
        return path;
    }

    private static float[] Pixels(MLContext ml, IEstimator<ITransformer>? composite, string folder, out ITransformer model, out IDataView rows)
    {
        rows = ml.Data.LoadFromEnumerable([new ImagePath { Path = "cutout.png" }]);
        IEstimator<ITransformer> pipeline = ml.Transforms.LoadImages("Image", folder, nameof(ImagePath.Path))
            .Append(ml.Transforms.ResizeImages("Image", imageWidth: 2, imageHeight: 1)); // ExtractPixels needs a known size
        if (composite is not null) pipeline = pipeline.Append(composite);
        pipeline = pipeline.Append(ml.Transforms.ExtractPixels("Features", "Image"));
        model = pipeline.Fit(rows);
        return ml.Data.CreateEnumerable<PixelRow>(model.Transform(rows), reuseRowObject: false).Single().Features;
    }

    // ExtractPixels is planar: R R, G G, B B.
    private static (float R, float G, float B) At(float[] planar, int pixel) => (planar[pixel], planar[2 + pixel], planar[4 + pixel]);

    [TestMethod]
    public void TransparentPixelsBecomeTheBackgroundAndHalfTransparentOnesBlend()
    {
        var folder = Directory.CreateTempSubdirectory("cnnzoo-alpha-").FullName;
        try
        {
            WriteTransparentPng(folder);
            var ml = new MLContext(seed: 1);

            var plain = Pixels(ml, null, folder, out _, out _);
            Assert.AreEqual((0f, 0f, 0f), At(plain, 0), "without compositing, ExtractPixels reads a transparent pixel as black");

            var white = Pixels(ml, ml.Transforms.CnnZooCompositeOnBackground("Image"), folder, out var model, out var rows);
            Assert.AreEqual((255f, 255f, 255f), At(white, 0), "a transparent pixel is the white background");
            // Half of (200, 40, 0) over white: 100 + 127 = 227, 20 + 127 = 147, 0 + 127 = 127.
            Assert.AreEqual((227f, 147f, 127f), At(white, 1));

            var grey = Pixels(ml, ml.Transforms.CnnZooCompositeOnBackground("Image", background: new BackgroundColor(128, 128, 128)), folder, out _, out _);
            Assert.AreEqual((128f, 128f, 128f), At(grey, 0));

            var path = Path.Combine(folder, "model.zip");
            ml.Model.Save(model, rows.Schema, path);
            var loaded = ml.Model.Load(path, out _);
            CollectionAssert.AreEqual(white, ml.Data.CreateEnumerable<PixelRow>(loaded.Transform(rows), reuseRowObject: false).Single().Features, "the background is saved with the model");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [TestMethod]
    public void APixelColumnIsRefusedWithWhereToPutTheTransform()
    {
        var ml = new MLContext(seed: 1);
        var rows = ml.Data.LoadFromEnumerable([new PixelRow { Features = [1, 2, 3] }]);
        var error = Assert.ThrowsExactly<ArgumentException>(() => ml.Transforms.CnnZooCompositeOnBackground("Features").Fit(rows));
        StringAssert.Contains(error.Message, "'Features'");
        StringAssert.Contains(error.Message, "before ExtractPixels");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.CnnZooCompositeOnBackground("Missing").Fit(rows));
    }
}
