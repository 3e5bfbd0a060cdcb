using CnnZoo.Architectures.Export;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Layers;

/// <summary>How a residual block adds its input back (He et al. 2015, §3.3).</summary>
public enum Shortcut
{
    /// <summary>Plain net: no shortcut at all (the degradation experiment's baselines).</summary>
    None,
    /// <summary>Identity; where the shape changes, a 1×1 conv + BN projection (option B, torchvision's <c>downsample</c>).</summary>
    Projection,
    /// <summary>Identity; where the shape changes, stride-2 subsampling and zero-padded channels, no parameters (option A, the CIFAR nets).</summary>
    ZeroPad,
}

/// <summary>Shared pieces of the residual blocks.</summary>
internal static class Residual
{
    public static nn.Module<Tensor, Tensor> Conv3x3(int inPlanes, int outPlanes, int stride = 1) => nn.Conv2d(inPlanes, outPlanes, 3, stride: stride, padding: 1, bias: false);
    public static nn.Module<Tensor, Tensor> Conv1x1(int inPlanes, int outPlanes, int stride = 1) => nn.Conv2d(inPlanes, outPlanes, 1, stride: stride, bias: false);

    /// <summary>torchvision's <c>downsample</c>: Sequential(1×1 conv stride s, BN), keys <c>downsample.0</c>, <c>downsample.1</c>.</summary>
    public static nn.Module<Tensor, Tensor>? Projection(Shortcut shortcut, int inPlanes, int outPlanes, int stride) =>
        shortcut == Shortcut.Projection && (stride != 1 || inPlanes != outPlanes)
            ? nn.Sequential(("0", Conv1x1(inPlanes, outPlanes, stride)), ("1", nn.BatchNorm2d(outPlanes)))
            : null;

    /// <summary>Adds the shortcut of <paramref name="input"/> onto <paramref name="output"/> in place.</summary>
    public static Tensor AddShortcut(Tensor output, Tensor input, Shortcut shortcut, nn.Module<Tensor, Tensor>? downsample, int stride, int outPlanes)
    {
        switch (shortcut)
        {
            case Shortcut.None:
                return output;
            case Shortcut.Projection when downsample is not null:
                return output.add_(downsample.call(input));
            case Shortcut.ZeroPad when stride != 1 || input.shape[1] != outPlanes:
                // option A: x[:, :, ::s, ::s] with the new channels zero-padded evenly on both sides
                var sub = stride == 1 ? input : input[.., .., TensorIndex.Slice(null, null, stride), TensorIndex.Slice(null, null, stride)];
                var extra = outPlanes - sub.shape[1];
                return output.add_(nn.functional.pad(sub, [0, 0, 0, 0, extra / 2, extra - extra / 2]));
            default:
                return output.add_(input);
        }
    }

    /// <summary><see cref="AddShortcut"/> described for export, case for case.</summary>
    public static GraphValue DescribeShortcut(IForwardGraph graph, GraphValue output, GraphValue input, Shortcut shortcut, nn.Module<Tensor, Tensor>? downsample, int stride, int outPlanes)
    {
        switch (shortcut)
        {
            case Shortcut.None:
                return output;
            case Shortcut.Projection when downsample is not null:
                return graph.Add(output, graph.Apply(downsample, input));
            case Shortcut.ZeroPad when stride != 1 || input.Dim(1) != outPlanes:
                var sub = stride == 1 ? input : graph.Subsample(input, stride);
                var extra = outPlanes - (int)sub.Dim(1);
                return graph.Add(output, graph.PadChannels(sub, extra / 2, extra - extra / 2));
            default:
                return graph.Add(output, input);
        }
    }
}

/// <summary>ResNet-18/34 block: 3×3 → BN → ReLU → 3×3 → BN, add shortcut, ReLU. Field names are torchvision's.</summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>, IDescribesForward
{
    /// <summary>Output channels per input channel of the block's width.</summary>
    public const int Expansion = 1;

    private readonly nn.Module<Tensor, Tensor> conv1, bn1, conv2, bn2, relu;
    private readonly nn.Module<Tensor, Tensor>? downsample;
    private readonly Shortcut shortcut;
    private readonly int stride, planes;

    /// <summary>A block from <paramref name="inPlanes"/> to <paramref name="planes"/> channels; the first conv has the stride.</summary>
    public BasicBlock(int inPlanes, int planes, int stride, Shortcut shortcut) : base(nameof(BasicBlock))
    {
        (this.stride, this.planes, this.shortcut) = (stride, planes, shortcut);
        conv1 = Residual.Conv3x3(inPlanes, planes, stride);
        bn1 = nn.BatchNorm2d(planes);
        relu = nn.ReLU(inplace: true);
        conv2 = Residual.Conv3x3(planes, planes);
        bn2 = nn.BatchNorm2d(planes);
        downsample = Residual.Projection(shortcut, inPlanes, planes, stride);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var output = relu.call(bn1.call(conv1.call(x)));
        output = bn2.call(conv2.call(output));
        return relu.call(Residual.AddShortcut(output, x, shortcut, downsample, stride, planes));
    }

    GraphValue IDescribesForward.DescribeForward(IForwardGraph graph, GraphValue input)
    {
        var output = graph.Apply(relu, graph.Apply(bn1, graph.Apply(conv1, input)));
        output = graph.Apply(bn2, graph.Apply(conv2, output));
        return graph.Apply(relu, Residual.DescribeShortcut(graph, output, input, shortcut, downsample, stride, planes));
    }
}

/// <summary>
/// ResNet-50+ block: 1×1 (width) → 3×3 (width) → 1×1 (4·width), each with BN, ReLU after the first two and after the add.
/// v1.5 (torchvision) puts the stride on the 3×3; v1 (the paper, Caffe) on the first 1×1, which is what gives the paper's FLOPs.
/// </summary>
public sealed class Bottleneck : nn.Module<Tensor, Tensor>, IDescribesForward
{
    /// <summary>Output channels per channel of the block's width.</summary>
    public const int Expansion = 4;

    private readonly nn.Module<Tensor, Tensor> conv1, bn1, conv2, bn2, conv3, bn3, relu;
    private readonly nn.Module<Tensor, Tensor>? downsample;
    private readonly int stride, outPlanes;

    /// <summary>A block of width <paramref name="planes"/> (output 4·planes); <paramref name="strideOnFirst1x1"/> selects v1.</summary>
    public Bottleneck(int inPlanes, int planes, int stride, bool strideOnFirst1x1) : base(nameof(Bottleneck))
    {
        (this.stride, outPlanes) = (stride, planes * Expansion);
        conv1 = Residual.Conv1x1(inPlanes, planes, strideOnFirst1x1 ? stride : 1);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = Residual.Conv3x3(planes, planes, strideOnFirst1x1 ? 1 : stride);
        bn2 = nn.BatchNorm2d(planes);
        conv3 = Residual.Conv1x1(planes, outPlanes);
        bn3 = nn.BatchNorm2d(outPlanes);
        relu = nn.ReLU(inplace: true);
        downsample = Residual.Projection(Shortcut.Projection, inPlanes, outPlanes, stride);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var output = relu.call(bn1.call(conv1.call(x)));
        output = relu.call(bn2.call(conv2.call(output)));
        output = bn3.call(conv3.call(output));
        return relu.call(Residual.AddShortcut(output, x, Shortcut.Projection, downsample, stride, outPlanes));
    }

    GraphValue IDescribesForward.DescribeForward(IForwardGraph graph, GraphValue input)
    {
        var output = graph.Apply(relu, graph.Apply(bn1, graph.Apply(conv1, input)));
        output = graph.Apply(relu, graph.Apply(bn2, graph.Apply(conv2, output)));
        output = graph.Apply(bn3, graph.Apply(conv3, output));
        return graph.Apply(relu, Residual.DescribeShortcut(graph, output, input, Shortcut.Projection, downsample, stride, outPlanes));
    }
}
