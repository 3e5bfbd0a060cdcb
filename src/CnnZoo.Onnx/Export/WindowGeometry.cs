using CnnZoo.Architectures.Layers;

namespace CnnZoo.Onnx.Export;

/// <summary>A 2-D window (convolution or pooling) as PyTorch states it: kernel, stride, symmetric padding, dilation, per axis (H, W).</summary>
internal sealed record WindowGeometry(long[] Kernel, long[] Stride, long[] Padding, long[] Dilation, bool CeilMode = false)
{
    /// <summary>From a TorchSharp module's per-axis arrays, which hold one value for both axes or one per axis (null: the default).</summary>
    public static WindowGeometry From(long[] kernel, long[]? stride, long[]? padding, long[]? dilation, bool ceilMode = false) =>
        new(Pair(kernel, 1), Pair(stride is { Length: > 0 } ? stride : kernel, 1), Pair(padding, 0), Pair(dilation, 1), ceilMode);

    private static long[] Pair(long[]? values, long fallback) => values switch
    {
        null or { Length: 0 } => [fallback, fallback],
        { Length: 1 } => [values[0], values[0]],
        _ => [values[0], values[1]],
    };

    /// <summary>PyTorch's output side along <paramref name="axis"/> (its ceil-mode rule included).</summary>
    public long OutputSize(long size, int axis) =>
        ConvArithmetic.OutputSize((int)size, (int)Kernel[axis], (int)Stride[axis], (int)Padding[axis], CeilMode, (int)Dilation[axis]);

    /// <summary>
    /// ONNX <c>pads</c> [top, left, bottom, right] that give PyTorch's output size with floor rounding: the end padding
    /// grows to cover a ceil-mode window. Used for max pooling only, where padded cells never win (for an average they would count).
    /// </summary>
    public long[] OnnxPads(long height, long width)
    {
        long End(long size, int axis) =>
            Math.Max(Padding[axis], (OutputSize(size, axis) - 1) * Stride[axis] + Dilation[axis] * (Kernel[axis] - 1) + 1 - size - Padding[axis]);
        return [Padding[0], Padding[1], End(height, 0), End(width, 1)];
    }
}
