using CnnZoo.MLNet.Augmentation;
using static CnnZoo.MLNet.Tests.AugmentationTestData;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class AugmentationRandomAffineTests
{
    [TestMethod]
    public void RotationByZeroDegreesIsTheIdentity()
    {
        using var images = Ramp(4, 3, 7, 9);
        using var same = Augment(a => a.RandomRotation(0), images);
        Assert.IsTrue(same.allclose(images, rtol: 0, atol: 1e-3));
    }

    [TestMethod]
    public void PositiveQuarterTurnIsCounterClockwiseLikeRot90()
    {
        using var scope = NewDisposeScope();
        var image = Ramp(1, 2, 5, 5);
        var rotated = Transform(image, degrees: 90, shiftX: 0, shiftY: 0);
        Assert.IsTrue(rotated.allclose(image.rot90(1, (2, 3)), rtol: 0, atol: 1e-3));
    }

    [TestMethod]
    public void QuarterTurnOfAWideImageKeepsPixelsSquare()
    {
        // On a 4×6 image a quarter turn about the centre reads output (x, y) from input (−y, x) in pixels from the
        // centre; every such point is a pixel centre, or outside (0). A matrix that ignored the aspect would stretch.
        using var scope = NewDisposeScope();
        const int height = 4, width = 6;
        var image = Ramp(1, 1, height, width);
        var rotated = Transform(image, degrees: 90, shiftX: 0, shiftY: 0);
        var source = Values(image);
        var output = Values(rotated);
        for (var row = 0; row < height; row++)
        {
            for (var column = 0; column < width; column++)
            {
                var x = column - (width - 1) / 2.0;
                var y = row - (height - 1) / 2.0;
                var sourceColumn = (int)(-y + (width - 1) / 2.0);
                var sourceRow = (int)(x + (height - 1) / 2.0);
                var inside = sourceRow is >= 0 and < height && sourceColumn is >= 0 and < width;
                var expected = inside ? source[sourceRow * width + sourceColumn] : 0;
                Assert.AreEqual(expected, output[row * width + column], 1e-3, $"pixel ({row}, {column})");
            }
        }
    }

    [TestMethod]
    public void TranslationShiftsEachImageByWholePixelsWithZeroFill()
    {
        using var scope = NewDisposeScope();
        var images = IdenticalImages(16, 1, 8, 8);
        var shifted = Augment(a => a.RandomTranslation(0.25), images);

        var shifts = new List<(long, long)>();
        for (var i = 0; i < 16; i++)
        {
            var image = images[i].unsqueeze(0);
            var match = Shifts(2).FirstOrDefault(s => Shift(image, s.Dx, s.Dy).allclose(shifted[i].unsqueeze(0), rtol: 0, atol: 1e-3));
            Assert.IsNotNull(match, $"image {i} is not a whole-pixel shift of at most 2 pixels");
            shifts.Add((match.Dx, match.Dy));
        }

        Assert.IsGreaterThan(1, shifts.Distinct().Count(), "every image got the same shift");
    }

    [TestMethod]
    public void ZoomAndRotationKeepTheInputSize()
    {
        using var images = Ramp(3, 3, 10, 14);
        using var transformed = Augment(a => a.RandomAffine(degrees: 15, translate: 0.1, scale: (0.9, 1.1)), images);
        CollectionAssert.AreEqual(images.shape, transformed.shape);
    }

    private static Tensor Transform(Tensor image, double degrees, double shiftX, double shiftY)
    {
        var one = ones(1, ScalarType.Float64);
        var theta = RandomAffineKernel.InverseMatrices(one * (degrees * Math.PI / 180), one * shiftX, one * shiftY, one, image.shape[2], image.shape[3]);
        var grid = nn.functional.affine_grid(theta.to(ScalarType.Float32), image.shape, align_corners: false);
        return nn.functional.grid_sample(image, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
    }

    private static IEnumerable<PixelShift> Shifts(int largest) =>
        from dx in Enumerable.Range(-largest, 2 * largest + 1)
        from dy in Enumerable.Range(-largest, 2 * largest + 1)
        select new PixelShift(dx, dy);

    private sealed record PixelShift(long Dx, long Dy);
}
