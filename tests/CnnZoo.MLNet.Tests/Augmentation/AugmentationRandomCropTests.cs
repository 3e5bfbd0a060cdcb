using CnnZoo.MLNet.Augmentation;
using TorchSharp;
using static CnnZoo.MLNet.Tests.AugmentationTestData;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class AugmentationRandomCropTests
{
    [TestMethod]
    public void PaddedCropIsA32WindowOfTheZeroPaddedImage()
    {
        using var scope = NewDisposeScope();
        var images = IdenticalImages(16, 3, 32, 32);
        var padded = nn.functional.pad(images, [4, 4, 4, 4]);
        var crops = Augment(a => a.RandomCrop(32, padding: 4), images);

        CollectionAssert.AreEqual(new long[] { 16, 3, 32, 32 }, crops.shape);
        var offsets = Enumerable.Range(0, 16).Select(i => WindowOffset(padded[i], crops[i], 32)).ToList();
        Assert.IsGreaterThan(1, offsets.Distinct().Count(), "every image got the same crop offset");
    }

    [TestMethod]
    public void CropWithoutPaddingIsAWindowOfTheImage()
    {
        using var scope = NewDisposeScope();
        var images = IdenticalImages(8, 2, 6, 7);
        var crops = Augment(a => a.RandomCrop(3), images);

        CollectionAssert.AreEqual(new long[] { 8, 2, 3, 3 }, crops.shape);
        for (var i = 0; i < 8; i++)
        {
            WindowOffset(images[i], crops[i], 3);
        }
    }

    [TestMethod]
    public void ReflectPaddingCropsFromTheMirroredBorder()
    {
        using var scope = NewDisposeScope();
        var images = IdenticalImages(8, 1, 5, 5);
        var padded = nn.functional.pad(images, [2, 2, 2, 2], PaddingModes.Reflect);
        var crops = Augment(a => a.RandomCrop(5, padding: 2, paddingMode: PaddingMode.Reflect), images);

        for (var i = 0; i < 8; i++)
        {
            WindowOffset(padded[i], crops[i], 5);
        }
    }

    [TestMethod]
    public void TooSmallInputNamesTheMinimumSize()
    {
        using var images = zeros(2, 3, 20, 20);
        using var generator = Seeded();
        var augmenter = new BatchAugmenter(AugmentationPolicy.Create(a => a.RandomCrop(32, padding: 4)));
        var error = Assert.ThrowsExactly<ArgumentException>(() => augmenter.Apply(images, generator));
        StringAssert.Contains(error.Message, "at least 24×24");
        StringAssert.Contains(error.Message, "got 20×20");
    }

    /// <summary>Finds where <paramref name="window"/> sits in <paramref name="source"/> [C, H, W]; fails when it is no contiguous block of it.</summary>
    private static (long Top, long Left) WindowOffset(Tensor source, Tensor window, long size)
    {
        for (long top = 0; top + size <= source.shape[1]; top++)
        {
            for (long left = 0; left + size <= source.shape[2]; left++)
            {
                if (SameValues(source.narrow(1, top, size).narrow(2, left, size), window))
                {
                    return (top, left);
                }
            }
        }

        Assert.Fail("the crop is not a contiguous window of the (padded) input");
        return default;
    }
}
