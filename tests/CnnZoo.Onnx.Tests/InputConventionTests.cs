using CnnZoo.Onnx.Import;
using CnnZoo.Onnx.Pretrained;
using CnnZoo.Onnx.Tests.Support;
using static TorchSharp.torch;

namespace CnnZoo.Onnx.Tests;

/// <summary>What ResNetPreprocess.onnx says about the input, read from its graph.</summary>
[TestClass]
public sealed class InputConventionTests
{
    [TestMethod]
    public void ThePackageExpectsBgrPixelsIn0To255MinusAMeanImage()
    {
        var input = PreprocessGraphReader.Read(PackageFiles.Preprocess);
        Assert.AreEqual(ChannelOrder.Bgr, input.ChannelOrder);
        Assert.AreEqual(1f, input.PixelScale);
        Assert.AreEqual(224, input.MeanImageSize);
        Assert.AreEqual(3 * 224 * 224, input.MeanImage.Length);
        float[] expected = [103.06f, 115.90f, 123.15f]; // B, G, R
        for (var c = 0; c < 3; c++) Assert.AreEqual(expected[c], input.ChannelMeans[c], 0.01f, $"channel {c}");
    }

    [TestMethod]
    public void PrepareReordersAndSubtractsTheMeanImage()
    {
        var input = PreprocessGraphReader.Read(PackageFiles.Preprocess);
        using var scope = NewDisposeScope();
        var rgb = zeros(1, 3, 224, 224);
        rgb[0, 0] = full(224, 224, 200f); // red only
        var prepared = input.Prepare(rgb);
        var mean = tensor(input.MeanImage.ToArray(), [1, 3, 224, 224]);
        Assert.IsTrue(prepared.add(mean)[0, 2].eq(200f).all().item<bool>(), "red lands in the last (BGR) channel");
        Assert.IsTrue(prepared.add(mean)[0, ..2].eq(0f).all().item<bool>());
        // At another size the per-channel means stand in for the image.
        var small = input.Prepare(zeros(1, 3, 32, 32));
        Assert.AreEqual(-input.ChannelMeans[0], small[0, 0, 5, 5].item<float>(), 1e-4f);
    }
}
