using CnnZoo.MLNet.Augmentation;
using TorchSharp;
using static CnnZoo.MLNet.Tests.AugmentationTestData;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class AugmentationBatchAugmenterTests
{
    private static readonly AugmentationPolicy EveryOp = AugmentationPolicy.Create(a => a
        .RandomResizedCrop(20)
        .RandomCrop(16, padding: 2, paddingMode: PaddingMode.Reflect)
        .HorizontalFlip()
        .VerticalFlip(0.2)
        .RandomAffine(degrees: 10, translate: 0.1, scale: (0.9, 1.1))
        .ColorJitter(0.2, 0.2, 0.2)
        .RandomErasing());

    [TestMethod]
    public void SameSeedGivesTheSameBatchAndAnotherSeedAnother()
    {
        using var scope = NewDisposeScope();
        var images = IdenticalImages(8, 3, 24, 24);
        var first = Apply(EveryOp, images, seed: 5);
        var again = Apply(EveryOp, images, seed: 5);
        var other = Apply(EveryOp, images, seed: 6);

        Assert.IsTrue(SameValues(first, again), "the same seed gave a different batch");
        Assert.IsFalse(SameValues(first, other), "another seed gave the same batch");
    }

    [TestMethod]
    public void OutputSizeIsTheLastCropsSize()
    {
        using var images = Ramp(2, 3, 24, 24);
        using var augmented = Apply(EveryOp, images, seed: 1);
        CollectionAssert.AreEqual(new long[] { 2, 3, 16, 16 }, augmented.shape);
        Assert.AreEqual((16, 16), EveryOp.OutputSize(24, 24));
        Assert.AreEqual((24, 30), AugmentationPolicy.Create(a => a.HorizontalFlip()).OutputSize(24, 30));
    }

    [TestMethod]
    public void TheInputIsNeverWritten()
    {
        using var scope = NewDisposeScope();
        var images = Ramp(4, 3, 24, 24);
        var before = images.clone();
        Apply(EveryOp, images, seed: 3);
        Assert.IsTrue(SameValues(images, before));
    }

    [TestMethod]
    public void NoTensorOutlivesApplyButTheResult()
    {
        using var images = Ramp(4, 3, 24, 24);
        using var generator = Seeded();
        var augmenter = new BatchAugmenter(EveryOp);
        augmenter.Apply(images, generator).Dispose();

        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var result = augmenter.Apply(images, generator))
        {
            Assert.AreEqual(live + 1, DisposeScopeManager.Statistics.ThreadTotalLiveCount, "only the result should be live");
        }

        Assert.AreEqual(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [TestMethod]
    public void AResultInsideTheCallersScopeBelongsToThatScope()
    {
        using var images = Ramp(2, 1, 8, 8);
        using var generator = Seeded();
        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (NewDisposeScope())
        {
            new BatchAugmenter(EveryOp).Apply(images, generator);
        }

        Assert.AreEqual(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [TestMethod]
    public void AnEmptyPolicyReturnsATensorOfItsOwn()
    {
        using var images = Ramp(2, 1, 3, 3);
        using var generator = Seeded();
        var result = new BatchAugmenter(AugmentationPolicy.None).Apply(images, generator);
        Assert.IsTrue(SameValues(result, images));
        result.Dispose();
        Assert.AreEqual(171f, images.sum().item<float>(), "disposing the result disposed the input");
    }

    [TestMethod]
    public void BatchesThatAreNotFloatImagesAreRejected()
    {
        using var generator = Seeded();
        var augmenter = new BatchAugmenter(EveryOp);
        using var flat = zeros(4, 24);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => augmenter.Apply(flat, generator)).Message, "[N, C, H, W]");
        using var bytes = zeros([1, 3, 24, 24], ScalarType.Byte);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => augmenter.Apply(bytes, generator)).Message, "floating-point");
    }

    private static Tensor Apply(AugmentationPolicy policy, Tensor batch, ulong seed)
    {
        using var generator = Seeded(seed);
        return new BatchAugmenter(policy).Apply(batch, generator);
    }
}
