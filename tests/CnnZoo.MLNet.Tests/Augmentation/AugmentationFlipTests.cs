using static CnnZoo.MLNet.Tests.AugmentationTestData;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class AugmentationFlipTests
{
    [TestMethod]
    public void HorizontalFlipWithCertaintyReversesEachRow()
    {
        using var image = tensor(new float[] { 0, 1, 2, 3, 4, 5 }, [1, 1, 2, 3]);
        using var flipped = Augment(a => a.HorizontalFlip(p: 1), image);
        CollectionAssert.AreEqual(new float[] { 2, 1, 0, 5, 4, 3 }, Values(flipped));
    }

    [TestMethod]
    public void VerticalFlipWithCertaintyReversesTheRows()
    {
        using var image = tensor(new float[] { 0, 1, 2, 3, 4, 5 }, [1, 1, 2, 3]);
        using var flipped = Augment(a => a.VerticalFlip(p: 1), image);
        CollectionAssert.AreEqual(new float[] { 3, 4, 5, 0, 1, 2 }, Values(flipped));
    }

    [TestMethod]
    public void FlipWithZeroProbabilityChangesNothing()
    {
        using var image = Ramp(4, 3, 5, 6);
        using var same = Augment(a => a.HorizontalFlip(p: 0).VerticalFlip(p: 0), image);
        Assert.IsTrue(SameValues(same, image));
    }

    [TestMethod]
    public void EachImageOfABatchDrawsItsOwnFlip()
    {
        using var scope = NewDisposeScope();
        var images = IdenticalImages(16, 3, 4, 5);
        var mirrored = images.flip(3);
        var flipped = Augment(a => a.HorizontalFlip(), images, seed: 7);

        var flips = 0;
        for (var i = 0; i < 16; i++)
        {
            var isFlipped = SameValues(flipped[i], mirrored[i]);
            Assert.IsTrue(isFlipped || SameValues(flipped[i], images[i]), $"image {i} is neither itself nor its mirror image");
            flips += isFlipped ? 1 : 0;
        }

        Assert.IsGreaterThan(0, flips, "no image was flipped");
        Assert.IsLessThan(16, flips, "every image was flipped");
    }
}
