using CnnZoo.MLNet.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests;

/// <summary>Small tensors and seeded generators for the augmentation tests.</summary>
internal static class AugmentationTestData
{
    /// <summary>Distinct, non-zero values 1, 2, 3… so that any moved or zero-filled pixel is visible.</summary>
    public static Tensor Ramp(long n, long c, long h, long w) => arange(1, n * c * h * w + 1, ScalarType.Float32).view(n, c, h, w);

    /// <summary><paramref name="n"/> copies of the same ramp image.</summary>
    public static Tensor IdenticalImages(long n, long c, long h, long w) => Ramp(1, c, h, w).expand(n, c, h, w).contiguous();

    /// <summary>Applies the policy built by <paramref name="configure"/> with a generator seeded by <paramref name="seed"/>.</summary>
    public static Tensor Augment(Func<AugmentationBuilder, AugmentationBuilder> configure, Tensor batch, ulong seed = 42)
    {
        using var generator = Seeded(seed);
        return new BatchAugmenter(AugmentationPolicy.Create(configure)).Apply(batch, generator);
    }

    public static torch.Generator Seeded(ulong seed = 42) => new(seed);

    /// <summary>True when both tensors have the same shape and exactly the same values.</summary>
    public static bool SameValues(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    public static float[] Values(Tensor t) => t.contiguous().data<float>().ToArray();

    /// <summary>Shifts each image right by <paramref name="dx"/> and down by <paramref name="dy"/>, filling with zeros.</summary>
    public static Tensor Shift(Tensor image, long dx, long dy)
    {
        long h = image.shape[2], w = image.shape[3];
        var padded = nn.functional.pad(image, [Math.Abs(dx), Math.Abs(dx), Math.Abs(dy), Math.Abs(dy)]);
        var top = Math.Abs(dy) - dy;
        var left = Math.Abs(dx) - dx;
        return padded.narrow(2, top, h).narrow(3, left, w);
    }
}
