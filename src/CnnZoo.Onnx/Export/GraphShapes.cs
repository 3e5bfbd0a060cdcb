using CnnZoo.Architectures.Export;

namespace CnnZoo.Onnx.Export;

/// <summary>Output shapes of the operations the exporter emits (-1 is the open batch dimension).</summary>
internal static class GraphShapes
{
    /// <summary>NumPy broadcasting of two shapes; an open dimension against 1 stays open.</summary>
    public static long[] Broadcast(long[] a, long[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new long[rank];
        for (var i = 1; i <= rank; i++)
        {
            var x = i <= a.Length ? a[^i] : 1;
            var y = i <= b.Length ? b[^i] : 1;
            result[^i] = x == 1 ? y : y == 1 ? x : x == y ? x
                : throw new InvalidOperationException($"Shapes [{string.Join(", ", a)}] and [{string.Join(", ", b)}] do not broadcast.");
        }
        return result;
    }

    /// <summary>The shape with dimension <paramref name="axis"/> replaced.</summary>
    public static long[] With(GraphValue x, int axis, long size)
    {
        var shape = (long[])x.Shape.Clone();
        shape[Axis(x, axis)] = size;
        return shape;
    }

    /// <summary>A non-negative axis of <paramref name="x"/>.</summary>
    public static int Axis(GraphValue x, int axis) => axis < 0 ? x.Rank + axis : axis;

    /// <summary>[N, C, H', W'] for a window op over an [N, ·, H, W] input.</summary>
    public static long[] Spatial(GraphValue x, long channels, long height, long width) => [x.Shape[0], channels, height, width];
}
