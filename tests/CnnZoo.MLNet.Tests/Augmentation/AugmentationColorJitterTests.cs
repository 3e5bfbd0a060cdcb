using static CnnZoo.MLNet.Tests.AugmentationTestData;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class AugmentationColorJitterTests
{
    [TestMethod]
    public void ZeroJitterIsTheIdentity()
    {
        using var images = Ramp(4, 3, 5, 5);
        using var same = Augment(a => a.ColorJitter(), images);
        Assert.IsTrue(SameValues(same, images));
    }

    [TestMethod]
    public void BrightnessScalesEachImageByItsOwnFactorWithoutClamping()
    {
        using var scope = NewDisposeScope();
        var images = full([16, 3, 4, 4], 200f);
        var brightened = Augment(a => a.ColorJitter(brightness: 0.5), images);

        var factors = (brightened / images).amax([1, 2, 3]);
        Assert.IsTrue((brightened / images).amin([1, 2, 3]).allclose(factors), "an image was not scaled uniformly");
        Assert.IsTrue(factors.ge(0.5).all().item<bool>() && factors.le(1.5).all().item<bool>(), "a factor left [0.5, 1.5]");
        Assert.IsGreaterThan(255f, brightened.max().item<float>(), "values were clamped to the 0..255 range");
        Assert.IsGreaterThan(1L, factors.unique().Item1.numel(), "every image got the same factor");
    }

    [TestMethod]
    public void ContrastBlendsEachImageWithItsMeanGrey()
    {
        using var scope = NewDisposeScope();
        var images = IdenticalImages(8, 1, 4, 4);
        var adjusted = Augment(a => a.ColorJitter(contrast: 0.8), images);

        var mean = images.mean([1, 2, 3], keepdim: true);
        Assert.IsTrue(adjusted.mean([1, 2, 3], keepdim: true).allclose(mean, rtol: 1e-5), "the mean grey moved");
        var factor = (adjusted - mean) / (images - mean);
        Assert.IsTrue(factor.amin([1, 2, 3]).allclose(factor.amax([1, 2, 3]), rtol: 1e-4), "not a blend with the mean");
    }

    [TestMethod]
    public void SaturationKeepsEachPixelsGreyAndIsANoOpForOneChannel()
    {
        using var scope = NewDisposeScope();
        var rgb = Ramp(4, 3, 3, 3);
        var saturated = Augment(a => a.ColorJitter(saturation: 0.9), rgb);
        var luma = tensor(new float[] { 0.2989f, 0.587f, 0.114f }).view(1, 3, 1, 1);
        Assert.IsTrue((saturated * luma).sum(1).allclose((rgb * luma).sum(1), rtol: 1e-4), "the grey of a pixel changed");
        Assert.IsFalse(saturated.allclose(rgb), "saturation changed nothing on RGB images");

        var grey = Ramp(4, 1, 3, 3);
        Assert.IsTrue(SameValues(Augment(a => a.ColorJitter(saturation: 0.9), grey), grey));
    }
}
