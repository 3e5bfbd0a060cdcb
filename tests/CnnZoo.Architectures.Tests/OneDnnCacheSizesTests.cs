using System.Runtime.Intrinsics.X86;
using CnnZoo.Architectures.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Tests;

/// <summary>libtorch's oneDNN plans its convolutions for real cache sizes, and computes them right, on this CPU.</summary>
[TestClass]
public sealed class OneDnnCacheSizesTests
{
    [TestMethod]
    public void OneDnnSeesPlausibleCacheSizesAndStaysOn()
    {
        Assert.IsTrue(OperatingSystem.IsLinux() && X86Base.IsSupported, "reads libtorch_cpu's data through dl_iterate_phdr; the project's CI runs on Linux x64");
        TorchRuntime.EnsureAvailable();
        using (NewDisposeScope()) matmul(ones(2, 2), ones(2, 2)); // builds oneDNN's CPU descriptor where nothing has yet

        var descriptors = OneDnnCacheSizes.FindDescriptors(OneDnnCacheSizes.ExpectedCpuId());
        Assert.HasCount(1, descriptors, "xbyak's Cpu object for this CPU in libtorch_cpu's data");
        var perCore = OneDnnCacheSizes.PerCoreCacheSizes(descriptors[0]);
        for (var level = 0; level < perCore.Length; level++)
            Assert.IsGreaterThanOrEqualTo(OneDnnCacheSizes.SmallestPlausibleCache, perCore[level], $"L{level + 1} bytes per core as oneDNN reads them (state {OneDnnCacheSizes.Correct()})");
        Assert.AreNotEqual(OneDnnCacheState.OneDnnDisabled, OneDnnCacheSizes.Correct());
        Assert.IsTrue(LibtorchContext.OneDnnEnabled);
        if (CpuCaches.AreHidden) Assert.AreNotEqual(OneDnnCacheState.NotChecked, OneDnnCacheSizes.Correct());
    }

    [TestMethod]
    public void ConvolutionsThatFailedWithOneByteCachesMatchFloat64()
    {
        TorchRuntime.EnsureAvailable();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator(7);
        // 1×1, 512 outputs on a 4×4 map: 51 % off in NHWC with 1-byte caches on the development VM.
        var x = randn([2, 512, 4, 4], generator: generator);
        var weight = randn([512, 512, 1, 1], generator: generator).div_(Math.Sqrt(512));
        var reference = nn.functional.conv2d(x.to(ScalarType.Float64), weight.to(ScalarType.Float64));
        AssertClose(reference, nn.functional.conv2d(x, weight), "1x1 conv NCHW");
        AssertClose(reference, nn.functional.conv2d(ChannelsLast.Of(x), ChannelsLast.Of(weight)), "1x1 conv NHWC");

        // GoogLeNet at 64×64: 2 % off in NCHW, 24 % in NHWC.
        random.manual_seed(1);
        using var model = ModelZoo.Create("googlenet", new ModelOptions { NumClasses = 10, InputSize = 64 });
        model.eval();
        var images = randn([4, 3, 64, 64], generator: generator);
        var outputs = model.call(images);
        model.UseLayout(MemoryLayout.ChannelsLast);
        var channelsLast = model.call(ChannelsLast.Of(images));
        model.UseLayout(MemoryLayout.ChannelsFirst);
        model.to(ScalarType.Float64);
        var expected = model.call(images.to(ScalarType.Float64));
        AssertClose(expected, outputs, "googlenet NCHW");
        AssertClose(expected, channelsLast, "googlenet NHWC");
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        var error = (actual.to(ScalarType.Float64) - expected).abs().max().item<double>() / expected.abs().max().item<double>();
        Assert.IsLessThan(1e-4, error, $"{what}: largest error relative to the largest output");
    }
}
