using static CnnZoo.MLNet.Tests.AugmentationTestData;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class AugmentationRandomErasingTests
{
    [TestMethod]
    public void CertainErasingFillsOneRectangleAcrossAllChannels()
    {
        using var scope = NewDisposeScope();
        var images = ones(8, 3, 16, 16);
        var erased = Augment(a => a.RandomErasing(p: 1, scale: (0.05, 0.2), value: -1), images);

        for (var i = 0; i < 8; i++)
        {
            var mask = erased[i].eq(-1);
            Assert.IsTrue(SameValues(mask[0], mask[1]) && SameValues(mask[0], mask[2]), $"image {i}: channels erased differently");
            Assert.IsTrue(erased[i].eq(1).logical_or(mask).all().item<bool>(), $"image {i}: a pixel is neither kept nor {-1}");

            var rows = mask[0].any(1).sum().item<long>();
            var columns = mask[0].any(0).sum().item<long>();
            var count = mask[0].sum().item<long>();
            Assert.IsGreaterThan(0L, count, $"image {i}: nothing erased");
            Assert.AreEqual(rows * columns, count, $"image {i}: the erased pixels are not a rectangle");
            Assert.IsLessThan(0.3, count / 256.0, $"image {i}: erased area too large");
        }
    }

    [TestMethod]
    public void ZeroProbabilityErasesNothing()
    {
        using var images = Ramp(4, 3, 8, 8);
        using var same = Augment(a => a.RandomErasing(p: 0), images);
        Assert.IsTrue(SameValues(same, images));
    }
}
