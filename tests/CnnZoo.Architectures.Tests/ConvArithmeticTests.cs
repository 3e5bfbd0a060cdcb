using CnnZoo.Architectures.Layers;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Tests;

/// <summary>The size arithmetic behind every minimum input size, against libtorch's own pooling and convolution.</summary>
[TestClass]
public sealed class ConvArithmeticTests
{
    [TestMethod]
    public void MatchesLibtorchForPoolsAndConvs()
    {
        foreach (var size in Enumerable.Range(1, 14))
        foreach (var (kernel, stride, padding) in new[] { (2, 2, 0), (3, 2, 0), (3, 2, 1), (3, 1, 1), (5, 3, 0), (7, 2, 3), (11, 4, 2) })
        {
            if (padding > kernel / 2) continue;
            using var input = zeros(1, 1, size, size);
            foreach (var ceil in new[] { false, true })
            {
                var predicted = ConvArithmetic.OutputSize(size, kernel, stride, padding, ceil);
                long measured;
                try { using var output = nn.functional.max_pool2d(input, kernel, stride, padding, ceil_mode: ceil); measured = output.shape[2]; }
                catch (Exception) { measured = 0; } // libtorch refuses empty outputs
                Assert.AreEqual(measured, predicted, $"pool size {size} k{kernel} s{stride} p{padding} ceil={ceil}");
            }
            using var weight = zeros(1, 1, kernel, kernel);
            long convActual;
            try { using var output = nn.functional.conv2d(input, weight, strides: [stride, stride], padding: [padding, padding]); convActual = output.shape[2]; }
            catch (Exception) { convActual = 0; }
            Assert.AreEqual(convActual, ConvArithmetic.OutputSize(size, kernel, stride, padding), $"conv size {size} k{kernel} s{stride} p{padding}");
        }
    }

    [TestMethod]
    public void MinimumSizesAreTorchvisions()
    {
        // torchvision's weights meta "min_size": alexnet 63, vgg 32, googlenet 15, resnet 1.
        Assert.AreEqual(63, ModelZoo.Get("alexnet").MinInputSize);
        Assert.AreEqual(32, ModelZoo.Get("vgg16").MinInputSize);
        Assert.AreEqual(15, ModelZoo.Get("googlenet").MinInputSize);
        Assert.AreEqual(1, ModelZoo.Get("resnet50").MinInputSize);
    }
}
