using static TorchSharp.torch;

namespace CnnZoo.Architectures.Tests;

[TestClass]
public sealed class InputValidationTests
{
    [TestMethod]
    public void WrongChannelCountNamesTheExpectedChannels()
    {
        using var model = ModelZoo.Create("resnet20_cifar");
        using var grey = zeros(2, 1, 32, 32);
        var error = Assert.ThrowsExactly<ArgumentException>(() => model.call(grey));
        StringAssert.Contains(error.Message, "3 input channel");
        StringAssert.Contains(error.Message, "got 1");
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void TooSmallInputNamesTheMinimum()
    {
        using var model = ModelZoo.Create("vgg11", new ModelOptions { NumClasses = 10 });
        using var tiny = zeros(1, 3, 16, 16);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => model.call(tiny)).Message, "minimum input is 32×32");
    }

    [TestMethod]
    public void FixedClassifierNetsNameTheirSize()
    {
        using var model = ModelZoo.Create("lenet5", new ModelOptions { InputSize = 28 });
        using var wrong = zeros(1, 1, 32, 32);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => model.call(wrong)).Message, "28×28");
    }

    [TestMethod]
    public void RankAndDtypeAreChecked()
    {
        using var model = ModelZoo.Create("lenet5");
        using var flat = zeros(4, 1024);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => model.call(flat)).Message, "[N, 1, H, W]");
        using var bytes = zeros([1, 1, 32, 32], ScalarType.Byte);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => model.call(bytes)).Message, "floating-point");
    }

    [TestMethod]
    public void LeNetOnMnistSizePadsConv1AndKeepsTheShapes()
    {
        using var model = ModelZoo.Create("lenet5", new ModelOptions { InputSize = 28 });
        var summary = Analysis.ModelSummary.Of(model);
        Assert.AreEqual("28x28x6", summary.Layers.First(r => r.Name == "conv1").ShapeText);
        Assert.AreEqual(61_706, summary.TotalParameters);
    }
}
