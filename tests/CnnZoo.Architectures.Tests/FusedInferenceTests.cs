using CnnZoo.Architectures.Inference;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Tests;

/// <summary>
/// Every registry architecture, BatchNorm statistics and affine terms randomised so that folding changes the weights:
/// the folded copy's eval-mode logits equal the original's to 1e-4 of the largest logit, it has no BatchNorm left, and
/// the original's state_dict is bit-identical afterwards.
/// </summary>
[TestClass]
public sealed class FusedInferenceTests
{
    private const int Batch = 2;
    private const double Tolerance = 1e-4;

    public static IEnumerable<object[]> AllModels => ModelZoo.Names.Select(n => new object[] { n });

    [TestMethod]
    [TestCategory("Slow")]
    [DynamicData(nameof(AllModels))]
    public void FoldedCopyScoresAsTheOriginal(string name) => AssertFolds(name);

    // A quick subset for the fast loop: projection and option-A shortcuts, BasicConv2d units, a VGG-BN Sequential,
    // LRN with ceil-mode pools and grouped convs (nothing to fold), and a net without BatchNorm.
    [TestMethod]
    [DataRow("resnet20_cifar")]
    [DataRow("resnet18")]
    [DataRow("vgg11_bn")]
    [DataRow("alexnet_2012_grouped")]
    [DataRow("lenet5_paper")]
    public void FoldedCopyScoresAsTheOriginalOnSmallNets(string name) => AssertFolds(name);

    [TestMethod]
    public void FoldsEveryBatchNormOfABottleneckResNet()
    {
        using var model = ModelZoo.Create("resnet50", new ModelOptions { NumClasses = 3, InputSize = 32 });
        var norms = model.modules().OfType<BatchNorm2d>().Count();
        Assert.AreEqual(norms, FusedInference.FoldablePairs(model), "conv1/bn1 … conv3/bn3 and downsample.0/.1 are all pairs");
    }

    private static void AssertFolds(string name)
    {
        var spec = ModelZoo.Get(name);
        var size = spec.CanonicalInputSize <= 64 ? spec.CanonicalInputSize : Math.Max(spec.MinInputSize, 64);
        random.manual_seed(0);
        using var model = ModelZoo.Create(name, new ModelOptions { NumClasses = 10, InputSize = size });
        CnnZoo.Tests.BatchNormCalibration.Randomize(model, seed: 0);
        var before = model.state_dict().ToDictionary(e => e.Key, e => e.Value.clone());
        var norms = model.modules().OfType<BatchNorm2d>().Count();

        using var folded = FusedInference.Create(model);

        Assert.AreEqual(0, folded.modules().OfType<BatchNorm2d>().Count(), $"{name}: every zoo BatchNorm follows a convolution, so none is left");
        Assert.AreEqual(0, FusedInference.FoldablePairs(folded), $"{name}: nothing is left to fold");
        Assert.IsFalse(folded.training, $"{name}: the copy is in eval mode");
        Assert.IsFalse(folded.parameters().Any(p => p.requires_grad), $"{name}: no parameter of the copy requires gradients");
        var after = model.state_dict();
        CollectionAssert.AreEquivalent(before.Keys.ToArray(), after.Keys.ToArray(), $"{name}: the original's keys changed");
        foreach (var (key, value) in before)
            Assert.IsTrue(value.shape.SequenceEqual(after[key].shape) && value.equal(after[key]).all().item<bool>(), $"{name}: the original's {key} changed");

        random.manual_seed(1);
        using var input = randn(Batch, model.Options.InChannels, size, size);
        model.eval();
        using var _ = no_grad();
        using var expected = model.call(input);
        using var actual = folded.call(input);
        var scale = expected.abs().max().item<float>();
        var relative = (expected - actual).abs().max().item<float>() / scale;
        Console.WriteLine($"{name} at {size}×{size}: {norms} BatchNorm folded, max |difference| / max |logit| = {relative:E2}");
        Assert.IsTrue(float.IsFinite(scale) && scale > 0, $"{name}: the logits are unusable for a comparison ({scale})");
        Assert.IsLessThanOrEqualTo(Tolerance, (double)relative, $"{name}: the folded copy differs by {relative:E2} of the largest logit");
        foreach (var value in before.Values) value.Dispose();
    }
}
