namespace CnnZoo.Architectures.Layers;

/// <summary>PyTorch's output-size rules for convolution and pooling windows, as plain arithmetic.</summary>
public static class ConvArithmetic
{
    /// <summary>
    /// Output side of a window op: <c>floor((size + 2p - k) / s) + 1</c>, or with <paramref name="ceilMode"/> the ceiling,
    /// minus one if the last window would start beyond <c>size + p</c> (PyTorch's rule). May be ≤ 0 when the input is too small.
    /// </summary>
    public static int OutputSize(int size, int kernel, int stride = 1, int padding = 0, bool ceilMode = false, int dilation = 1)
    {
        var span = size + 2 * padding - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
        var output = (int)Math.Floor(span / (double)stride) + 1; // PyTorch rounds towards -inf (div_rtn)
        if (ceilMode && (output - 1) * stride >= size + padding) output--;
        return Math.Max(output, 0);
    }

    /// <summary>Smallest square side in [1, <paramref name="limit"/>] for which <paramref name="finalSize"/> is at least 1 (the traced nets are monotone in the input size).</summary>
    public static int MinInputSize(Func<int, int> finalSize, int limit = 4096)
    {
        for (var size = 1; size <= limit; size++)
            if (finalSize(size) >= 1) return size;
        throw new InvalidOperationException($"No input up to {limit}×{limit} gives a non-empty output.");
    }
}
