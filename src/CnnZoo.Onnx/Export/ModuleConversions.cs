using CnnZoo.Architectures.Export;
using TorchSharp.Modules;
using static CnnZoo.Onnx.Export.OnnxAttributes;
using static TorchSharp.torch;

namespace CnnZoo.Onnx.Export;

/// <summary>
/// TorchSharp's standard modules as ONNX nodes, in eval mode. Zoo layers describe themselves (<see cref="IDescribesForward"/>);
/// anything else is refused, naming its type and state_dict path, rather than guessed.
/// </summary>
internal static class ModuleConversions
{
    public static GraphValue Convert(OnnxGraphWriter writer, nn.Module module, string path, GraphValue x) => module switch
    {
        IDescribesForward layer => layer.DescribeForward(writer, x),
        Sequential sequential => sequential.children().Aggregate(x, (value, child) => writer.Apply(child, value)),
        Conv2d conv => Conv(writer, conv, path, x),
        Linear linear => Gemm(writer, linear, x),
        BatchNorm2d norm => BatchNorm(writer, norm, path, x),
        LocalResponseNorm lrn => writer.Node("LRN", [x], x.Shape,
            Float("alpha", lrn.alpha), Float("beta", lrn.beta), Float("bias", lrn.k), Int("size", lrn.size)), // both divide α by size
        MaxPool2d pool => WindowOps.MaxPool(writer, x, WindowGeometry.From(pool.kernel_size, pool.stride, pool.padding, pool.dilation, pool.ceil_mode)),
        AvgPool2d pool => AveragePool(writer, pool, path, x),
        AdaptiveAvgPool2d pool => AdaptivePool(writer, pool, path, x),
        ReLU => writer.Relu(x),
        Dropout => x, // eval mode: the identity
        Flatten flatten when flatten.start_dim == 1 && (flatten.end_dim == -1 || flatten.end_dim == x.Rank - 1) => writer.Flatten(x),
        _ => throw Unsupported(module, path, "no converter for this module type"),
    };

    /// <summary>The error for a module the exporter cannot convert faithfully.</summary>
    public static NotSupportedException Unsupported(nn.Module module, string path, string why) =>
        new($"ONNX export does not support module '{path}' of type {module.GetType().FullName}: {why}.");

    private static GraphValue Conv(OnnxGraphWriter writer, Conv2d conv, string path, GraphValue x)
    {
        if (conv.padding_type is not null || conv.padding_mode != TorchSharp.PaddingModes.Zeros)
            throw Unsupported(conv, path, $"only numeric zero padding is exported (padding {conv.padding_type?.ToString() ?? "numeric"}, mode {conv.padding_mode})");
        var weight = writer.Parameter(conv, "weight", conv.weight!);
        var bias = conv.bias is null ? null : writer.Parameter(conv, "bias", conv.bias);
        return WindowOps.Conv(writer, x, weight, bias, WindowGeometry.From(conv.kernel_size, conv.stride, conv.padding, conv.dilation), conv.groups);
    }

    private static GraphValue Gemm(OnnxGraphWriter writer, Linear linear, GraphValue x)
    {
        var weight = writer.Parameter(linear, "weight", linear.weight!);
        GraphValue[] inputs = linear.bias is null ? [x, weight] : [x, weight, writer.Parameter(linear, "bias", linear.bias)];
        return writer.Node("Gemm", inputs, [x.Shape[0], linear.out_features], Int("transB", 1));
    }

    private static GraphValue BatchNorm(OnnxGraphWriter writer, BatchNorm2d norm, string path, GraphValue x)
    {
        if (norm.running_mean is null || norm.running_var is null)
            throw Unsupported(norm, path, "without running statistics it normalises by the batch in eval mode too");
        using var scope = NewDisposeScope();
        var channels = norm.running_mean.shape[0];
        var scale = writer.Parameter(norm, "weight", norm.weight ?? ones(channels));
        var shift = writer.Parameter(norm, "bias", norm.bias ?? zeros(channels));
        var mean = writer.Parameter(norm, "running_mean", norm.running_mean);
        var variance = writer.Parameter(norm, "running_var", norm.running_var);
        return writer.Node("BatchNormalization", [x, scale, shift, mean, variance], x.Shape, Float("epsilon", norm.eps));
    }

    private static GraphValue AveragePool(OnnxGraphWriter writer, AvgPool2d pool, string path, GraphValue x)
    {
        if (pool.ceil_mode || pool.divisor_override is not null)
            throw Unsupported(pool, path, "ceil mode and divisor_override are not exported");
        var window = WindowGeometry.From(pool.kernel_size, pool.stride, pool.padding, null);
        return WindowOps.AveragePool(writer, x, window.Kernel, window.Stride, window.Padding, pool.count_include_pad);
    }

    private static GraphValue AdaptivePool(OnnxGraphWriter writer, AdaptiveAvgPool2d pool, string path, GraphValue x)
    {
        var size = pool.output_size;
        long Side(int axis) => size.Length == 1 ? size[0] : size[axis] > 0 ? size[axis] : x.Dim(2 + axis); // None keeps the input side
        return WindowOps.AdaptiveAveragePool(writer, path, x, Side(0), Side(1));
    }
}
