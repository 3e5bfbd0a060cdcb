using static CnnZoo.MLNet.Tests.AugmentationTestData;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class AugmentationRandomResizedCropTests
{
    [TestMethod]
    public void OutputIsSizeBySizeWhateverTheInput()
    {
        using var images = Ramp(5, 3, 20, 30);
        using var crops = Augment(a => a.RandomResizedCrop(8), images);
        CollectionAssert.AreEqual(new long[] { 5, 3, 8, 8 }, crops.shape);
    }

    [TestMethod]
    public void WholeImageAtItsOwnSizeIsTheImage()
    {
        using var images = Ramp(2, 3, 8, 8);
        using var crops = Augment(a => a.RandomResizedCrop(8, scale: (1, 1), ratio: (1, 1)), images);
        Assert.IsTrue(crops.allclose(images, rtol: 0, atol: 1e-3));
    }

    [TestMethod]
    public void HalvingSamplesBetweenPixelPairsAsBilinearResizeDoes()
    {
        // Values equal to the column index: a half-size output pixel k covers input columns 2k and 2k+1, so it reads 2k+0.5.
        using var columns = arange(8, ScalarType.Float32).expand(1, 1, 8, 8).contiguous();
        using var crops = Augment(a => a.RandomResizedCrop(4, scale: (1, 1), ratio: (1, 1)), columns);
        using var expected = tensor(new float[] { 0.5f, 2.5f, 4.5f, 6.5f }).expand(1, 1, 4, 4);
        Assert.IsTrue(crops.allclose(expected, rtol: 0, atol: 1e-4));
    }

    [TestMethod]
    public void CropsStayWithinTheImagesValues()
    {
        using var images = Ramp(16, 1, 12, 12);
        using var crops = Augment(a => a.RandomResizedCrop(6), images);
        Assert.IsTrue(crops.min().item<float>() >= 1 && crops.max().item<float>() <= 16 * 144);
    }

    [TestMethod]
    public void ImpossibleRatioFallsBackToTheCentralBoxOfTheClosestRatio()
    {
        // On a 6×12 image, width/height ≤ 0.2 with at least half the area never fits, so torchvision's fallback
        // takes the full-height central box of ratio 0.2 (6×1: column 5) and stretches it to 6×6.
        using var scope = NewDisposeScope();
        var images = Ramp(3, 1, 6, 12);
        var crops = Augment(a => a.RandomResizedCrop(6, scale: (0.5, 1), ratio: (0.1, 0.2)), images);
        var expected = images[.., .., .., 5..6].expand(3, 1, 6, 6);
        Assert.IsTrue(crops.allclose(expected, rtol: 0, atol: 1e-3));
    }
}
