using CnnZoo.Architectures;
using CnnZoo.Architectures.Weights;
using CnnZoo.Onnx.Pretrained;
using CnnZoo.Onnx.Tests.Support;
using static TorchSharp.torch;

namespace CnnZoo.Onnx.Tests;

/// <summary>
/// <see cref="MlNetResNet18.Weights"/>, the weights the ML.NET trainer fine-tunes from: RGB 0–255 in, BGR folded into
/// conv1, the per-channel means as its normalisation. Same features as the package's own convention wherever that uses
/// per-channel means too (any size but 224).
/// </summary>
[TestClass]
public sealed class FineTuningWeightsTests
{
    [TestMethod]
    [TestCategory("Slow")]
    public void TheFineTuningWeightsTakeRgbPixelsAndGiveThePackagesFeatures()
    {
        var pretrained = MlNetResNet18.LoadFrom(PackageFiles.Model, PackageFiles.Preprocess);
        using var reference = pretrained.Model;
        reference.eval();
        var weights = MlNetResNet18.Weights();
        using var tuned = ModelZoo.Create(MlNetResNet18.Architecture, new ModelOptions { NumClasses = 5 });
        var loaded = weights.LoadBackbone(tuned);
        CollectionAssert.AreEquivalent(tuned.HeadKeys.ToArray(), loaded.Missing.ToArray(), "all but the new 5-class head comes from the package");
        tuned.eval();

        var normalization = weights.Normalization!;
        CollectionAssert.AreEqual(new[] { 1.0, 1.0, 1.0 }, normalization.Std.ToArray(), "no scaling: 0–255 pixels");
        Assert.IsTrue(normalization.Mean[0] > normalization.Mean[2], "RGB order: the red mean (about 123) before the blue (about 103)");

        using var images = TestImages.SyntheticColour(3, seed: 11);
        using var small = nn.functional.interpolate(images, [96, 96], mode: InterpolationMode.Bilinear, align_corners: false);
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var expected = reference.ForwardFeatures(pretrained.Input.Prepare(small));
        var normalized = small.sub(tensor(normalization.Mean.Select(m => (float)m).ToArray(), [1, 3, 1, 1])).div(tensor(normalization.Std.Select(s => (float)s).ToArray(), [1, 3, 1, 1]));
        var actual = tuned.ForwardFeatures(normalized);
        var relative = (actual - expected).abs().max().item<float>() / expected.abs().max().item<float>();
        Assert.IsLessThanOrEqualTo(1e-4f, relative, $"relative difference {relative:E3}");
    }
}
