using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Per-image random numbers. They are drawn on the generator's device in float64 (so a CPU generator gives the same
/// augmentation whatever device trains, and u·k never rounds up to k); callers move the few values they need to the
/// batch's device.
/// </summary>
internal static class RandomDraws
{
    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>), shape <paramref name="shape"/>.</summary>
    public static Tensor Uniform(long[] shape, double low, double high, torch.Generator generator) =>
        torch.rand(shape, ScalarType.Float64, device: DeviceOf(generator), generator: generator) * (high - low) + low;

    /// <summary>One uniform value per image.</summary>
    public static Tensor Uniform(long count, double low, double high, torch.Generator generator) =>
        Uniform([count], low, high, generator);

    /// <summary>One bool per image, true with probability <paramref name="p"/>.</summary>
    public static Tensor Bernoulli(long count, double p, torch.Generator generator) =>
        torch.rand([count], ScalarType.Float64, device: DeviceOf(generator), generator: generator) < p;

    /// <summary>An integer in [0, <paramref name="exclusiveUpper"/>) per element, as float64; <paramref name="exclusiveUpper"/> ≥ 1.</summary>
    public static Tensor IntegerBelow(Tensor exclusiveUpper, torch.Generator generator)
    {
        var u = torch.rand(exclusiveUpper.shape, ScalarType.Float64, device: DeviceOf(generator), generator: generator);
        var upper = exclusiveUpper.to(ScalarType.Float64, DeviceOf(generator));
        return torch.minimum((u * upper).floor_(), upper - 1);
    }

    /// <summary>The generator's device; <see cref="torch.Generator.Default"/> may not report one, and it is the CPU's.</summary>
    private static Device DeviceOf(torch.Generator generator) => generator.device ?? torch.CPU;
}
