using CnnZoo.Architectures.Export;
using static CnnZoo.Onnx.Export.OnnxAttributes;

namespace CnnZoo.Onnx.Export;

/// <summary>Convolution and pooling nodes with PyTorch's window semantics.</summary>
internal static class WindowOps
{
    /// <summary>Conv with OIHW weights, symmetric padding.</summary>
    public static GraphValue Conv(OnnxGraphWriter writer, GraphValue x, GraphValue weight, GraphValue? bias, WindowGeometry window, long groups)
    {
        var shape = GraphShapes.Spatial(x, weight.Dim(0), window.OutputSize(x.Dim(2), 0), window.OutputSize(x.Dim(3), 1));
        GraphValue[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return writer.Node("Conv", inputs, shape,
            Ints("kernel_shape", window.Kernel), Ints("strides", window.Stride), Ints("dilations", window.Dilation),
            Ints("pads", window.Padding[0], window.Padding[1], window.Padding[0], window.Padding[1]), Int("group", groups));
    }

    /// <summary>MaxPool; ceil mode becomes extra end padding (<see cref="WindowGeometry.OnnxPads"/>), so no runtime's ceil rule is relied on.</summary>
    public static GraphValue MaxPool(OnnxGraphWriter writer, GraphValue x, WindowGeometry window)
    {
        var shape = GraphShapes.Spatial(x, x.Dim(1), window.OutputSize(x.Dim(2), 0), window.OutputSize(x.Dim(3), 1));
        return writer.Node("MaxPool", [x], shape,
            Ints("kernel_shape", window.Kernel), Ints("strides", window.Stride), Ints("dilations", window.Dilation),
            Ints("pads", window.OnnxPads(x.Dim(2), x.Dim(3))));
    }

    /// <summary>AveragePool without ceil mode; <paramref name="countIncludePad"/> as PyTorch's flag.</summary>
    public static GraphValue AveragePool(OnnxGraphWriter writer, GraphValue x, long[] kernel, long[] stride, long[]? padding = null, bool countIncludePad = true)
    {
        var window = new WindowGeometry(kernel, stride, padding ?? [0, 0], [1, 1]);
        var shape = GraphShapes.Spatial(x, x.Dim(1), window.OutputSize(x.Dim(2), 0), window.OutputSize(x.Dim(3), 1));
        return writer.Node("AveragePool", [x], shape,
            Ints("kernel_shape", kernel), Ints("strides", stride),
            Ints("pads", window.Padding[0], window.Padding[1], window.Padding[0], window.Padding[1]), Int("count_include_pad", countIncludePad ? 1 : 0));
    }

    /// <summary>
    /// Adaptive average pooling to <paramref name="outHeight"/>×<paramref name="outWidth"/>: the identity, a global pool, a
    /// plain pool where the sizes divide, else PyTorch's overlapping bins as two averaging matrices (rows · X · columns).
    /// </summary>
    public static GraphValue AdaptiveAveragePool(OnnxGraphWriter writer, string path, GraphValue x, long outHeight, long outWidth)
    {
        var (height, width) = (x.Dim(2), x.Dim(3));
        if (height == outHeight && width == outWidth) return x;
        if (outHeight == 1 && outWidth == 1) return writer.Node("GlobalAveragePool", [x], GraphShapes.Spatial(x, x.Dim(1), 1, 1));
        if (height % outHeight == 0 && width % outWidth == 0)
            return AveragePool(writer, x, [height / outHeight, width / outWidth], [height / outHeight, width / outWidth]);
        var columns = writer.Constant($"{path}.columns", [width, outWidth], Transpose(BinMatrix(width, outWidth), outWidth, width));
        var rows = writer.Constant($"{path}.rows", [outHeight, height], BinMatrix(height, outHeight));
        var pooledColumns = writer.Node("MatMul", [x, columns], GraphShapes.Spatial(x, x.Dim(1), height, outWidth));
        return writer.Node("MatMul", [rows, pooledColumns], GraphShapes.Spatial(x, x.Dim(1), outHeight, outWidth));
    }

    /// <summary>[out, in] averaging weights of PyTorch's adaptive bins: bin i covers [⌊i·in/out⌋, ⌈(i+1)·in/out⌉).</summary>
    private static float[] BinMatrix(long size, long outSize)
    {
        var matrix = new float[outSize * size];
        for (var i = 0L; i < outSize; i++)
        {
            var start = i * size / outSize;
            var end = ((i + 1) * size + outSize - 1) / outSize;
            for (var j = start; j < end; j++) matrix[i * size + j] = 1f / (end - start);
        }
        return matrix;
    }

    private static float[] Transpose(float[] matrix, long rows, long columns)
    {
        var result = new float[matrix.Length];
        for (var r = 0L; r < rows; r++)
            for (var c = 0L; c < columns; c++) result[c * rows + r] = matrix[r * columns + c];
        return result;
    }
}
