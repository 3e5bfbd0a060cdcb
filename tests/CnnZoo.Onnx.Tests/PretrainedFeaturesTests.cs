using CnnZoo.Onnx.Pretrained;
using CnnZoo.Onnx.Tests.Support;
using static TorchSharp.torch;

namespace CnnZoo.Onnx.Tests;

/// <summary>The imported weights against ONNX Runtime running the package's own graphs on the same pixels.</summary>
[TestClass]
public sealed class PretrainedFeaturesTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [TestCategory("Slow")]
    public void PooledFeaturesEqualOnnxRuntimesOnFashionMnistAndColourImages()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var pretrained = MlNetResNet18.Load();
        TestContext.WriteLine($"load: {watch.ElapsedMilliseconds} ms from {pretrained.Source}");
        using var model = pretrained.Model;
        model.eval();
        using var images = cat([TestImages.FashionMnist(4), TestImages.SyntheticColour(2, seed: 7)], 0);

        float[][] expected;
        using (var reference = new OnnxRuntimeReference(PackageFiles.Model, PackageFiles.Preprocess))
            expected = reference.Features(images);

        float[] actual;
        using (no_grad())
        using (NewDisposeScope())
        {
            // One forward for the whole batch of 6: the ONNX graph fixes its batch at 1, ours does not.
            var features = model.ForwardFeatures(pretrained.Input.Prepare(images));
            CollectionAssert.AreEqual(new long[] { 6, 512 }, features.shape);
            actual = features.data<float>().ToArray();
        }

        var flatExpected = expected.SelectMany(f => f).ToArray();
        Assert.HasCount(actual.Length, flatExpected);
        var maxAbs = flatExpected.Max(MathF.Abs);
        var maxDiff = actual.Zip(flatExpected, (a, e) => MathF.Abs(a - e)).Max();
        TestContext.WriteLine($"max |diff| {maxDiff:E3}, max |feature| {maxAbs:F3}, relative {maxDiff / maxAbs:E3}");
        Assert.IsGreaterThan(1f, maxAbs, "features should not be all near zero");
        Assert.IsLessThanOrEqualTo(1e-4f, maxDiff / maxAbs);
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void ChannelOrderAndMeanImageMatter()
    {
        // Guards the input convention: RGB fed as-is, or only the per-channel means, moves the features measurably.
        var pretrained = MlNetResNet18.LoadFrom(PackageFiles.Model, PackageFiles.Preprocess);
        using var model = pretrained.Model;
        model.eval();
        using var images = TestImages.SyntheticColour(2, seed: 3);
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var right = model.ForwardFeatures(pretrained.Input.Prepare(images));
        var rgb = model.ForwardFeatures(images.sub(tensor(pretrained.Input.ChannelMeans.Reverse().ToArray(), [1, 3, 1, 1])));
        var channelMeansOnly = model.ForwardFeatures(images.flip(1).sub(tensor(pretrained.Input.ChannelMeans.ToArray(), [1, 3, 1, 1])));
        var scale = right.abs().max().item<float>();
        Assert.IsGreaterThan(1e-2f, (rgb - right).abs().max().item<float>() / scale, "RGB order");
        Assert.IsGreaterThan(1e-4f, (channelMeansOnly - right).abs().max().item<float>() / scale, "per-channel means instead of the mean image");
    }
}
