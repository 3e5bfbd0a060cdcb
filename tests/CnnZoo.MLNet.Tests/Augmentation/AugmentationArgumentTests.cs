using CnnZoo.MLNet.Augmentation;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class AugmentationArgumentTests
{
    public static IEnumerable<object[]> OutOfRange =>
    [
        [(Action<AugmentationBuilder>)(a => a.RandomCrop(0)), "size", "[1, +∞)"],
        [(Action<AugmentationBuilder>)(a => a.RandomCrop(32, padding: -1)), "padding", "[0, +∞)"],
        [(Action<AugmentationBuilder>)(a => a.RandomCrop(32, paddingMode: (PaddingMode)7)), "paddingMode", "Constant, Edge, Reflect"],
        [(Action<AugmentationBuilder>)(a => a.RandomResizedCrop(224, scale: (0, 1))), "scale", "0 < min ≤ max ≤ 1"],
        [(Action<AugmentationBuilder>)(a => a.RandomResizedCrop(224, scale: (0.5, 0.2))), "scale", "0 < min ≤ max ≤ 1"],
        [(Action<AugmentationBuilder>)(a => a.RandomResizedCrop(224, scale: (0.5, 1.5))), "scale", "0 < min ≤ max ≤ 1"],
        [(Action<AugmentationBuilder>)(a => a.RandomResizedCrop(224, ratio: (-1, 1))), "ratio", "0 < min ≤ max < +∞"],
        [(Action<AugmentationBuilder>)(a => a.HorizontalFlip(1.5)), "p", "[0, 1]"],
        [(Action<AugmentationBuilder>)(a => a.VerticalFlip(double.NaN)), "p", "[0, 1]"],
        [(Action<AugmentationBuilder>)(a => a.RandomRotation(200)), "degrees", "[0, 180]"],
        [(Action<AugmentationBuilder>)(a => a.RandomTranslation(1)), "translate", "[0, 1)"],
        [(Action<AugmentationBuilder>)(a => a.RandomAffine(scale: (0, 1))), "scale", "0 < min ≤ max < +∞"],
        [(Action<AugmentationBuilder>)(a => a.ColorJitter(brightness: -0.1)), "brightness", "[0, +∞)"],
        [(Action<AugmentationBuilder>)(a => a.ColorJitter(contrast: double.PositiveInfinity)), "contrast", "[0, +∞)"],
        [(Action<AugmentationBuilder>)(a => a.ColorJitter(saturation: double.NaN)), "saturation", "[0, +∞)"],
        [(Action<AugmentationBuilder>)(a => a.RandomErasing(p: -0.5)), "p", "[0, 1]"],
        [(Action<AugmentationBuilder>)(a => a.RandomErasing(scale: (0.3, 0.1))), "scale", "0 < min ≤ max ≤ 1"],
        [(Action<AugmentationBuilder>)(a => a.RandomErasing(value: float.NaN)), "value", "finite"],
    ];

    [TestMethod]
    [DynamicData(nameof(OutOfRange))]
    public void OutOfRangeArgumentsNameTheArgumentAndItsRange(Action<AugmentationBuilder> add, string argument, string allowed)
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => add(new AugmentationBuilder()));
        Assert.AreEqual(argument, error.ParamName);
        StringAssert.Contains(error.Message, allowed);
    }

    [TestMethod]
    public void TheBuilderKeepsTheOrderAndDefaults()
    {
        var policy = AugmentationPolicy.Create(a => a.RandomCrop(32, padding: 4).HorizontalFlip().RandomResizedCrop(28).RandomErasing());
        CollectionAssert.AreEqual(
            new AugmentationOp[]
            {
                new RandomCropOp(32, 4, PaddingMode.Constant),
                new HorizontalFlipOp(0.5),
                new RandomResizedCropOp(28, (0.08, 1.0), (3.0 / 4, 4.0 / 3)),
                new RandomErasingOp(0.5, (0.02, 0.33), (0.3, 3.3), 0),
            },
            policy.Ops.ToArray());
    }

    [TestMethod]
    public void RotationAndTranslationAreAffineOps()
    {
        var policy = AugmentationPolicy.Create(a => a.RandomRotation(15).RandomTranslation(0.125));
        CollectionAssert.AreEqual(new AugmentationOp[] { new RandomAffineOp(degrees: 15), new RandomAffineOp(translate: 0.125) }, policy.Ops.ToArray());
    }
}
