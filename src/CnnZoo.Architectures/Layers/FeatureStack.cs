using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Layers;

/// <summary>One entry of a plain feature stack (AlexNet, ZFNet, VGG tables): it builds its module and traces sizes.</summary>
public abstract record StackOp
{
    /// <summary>Spatial side after this op.</summary>
    public virtual int OutputSize(int size) => size;
    /// <summary>Channels after this op.</summary>
    public virtual int OutputChannels(int channels) => channels;
    /// <summary>The module, given the incoming channel count.</summary>
    public abstract nn.Module<Tensor, Tensor> Build(int inChannels);
}

/// <summary>Convolution (square kernel).</summary>
public sealed record ConvOp(int Channels, int Kernel, int Stride = 1, int Padding = 0, int Groups = 1, bool Bias = true) : StackOp
{
    /// <inheritdoc />
    public override int OutputSize(int size) => ConvArithmetic.OutputSize(size, Kernel, Stride, Padding);
    /// <inheritdoc />
    public override int OutputChannels(int channels) => Channels;
    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> Build(int inChannels)
    {
        if (inChannels % Groups != 0)
            throw new ArgumentException($"A convolution with {Groups} groups needs an input channel count divisible by {Groups}; got {inChannels}. Use ModelOptions.InChannels that is a multiple of {Groups}.");
        return nn.Conv2d(inChannels, Channels, Kernel, stride: Stride, padding: Padding, groups: Groups, bias: Bias);
    }
}

/// <summary>BatchNorm2d over the incoming channels.</summary>
public sealed record BatchNormOp(double Eps = 1e-5) : StackOp
{
    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> Build(int inChannels) => nn.BatchNorm2d(inChannels, eps: Eps);
}

/// <summary>In-place ReLU.</summary>
public sealed record ReluOp : StackOp
{
    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> Build(int inChannels) => nn.ReLU(inplace: true);
}

/// <summary>AlexNet-style local response normalisation (<see cref="Lrn.AlexNet"/>).</summary>
public sealed record LrnOp : StackOp
{
    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> Build(int inChannels) => Lrn.AlexNet();
}

/// <summary>Max pooling (square window).</summary>
public sealed record MaxPoolOp(int Kernel, int Stride, int Padding = 0, bool CeilMode = false) : StackOp
{
    /// <inheritdoc />
    public override int OutputSize(int size) => ConvArithmetic.OutputSize(size, Kernel, Stride, Padding, CeilMode);
    /// <inheritdoc />
    public override nn.Module<Tensor, Tensor> Build(int inChannels) => nn.MaxPool2d(Kernel, Stride, Padding, ceil_mode: CeilMode);
}

/// <summary>Builds a <c>Sequential</c> named "0", "1", … (torchvision's indices) from ops, and traces its output size.</summary>
public static class FeatureStack
{
    /// <summary>The Sequential; module i is state_dict prefix <c>features.i</c>.</summary>
    public static nn.Module<Tensor, Tensor> Build(IReadOnlyList<StackOp> ops, int inChannels)
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>(ops.Count);
        var channels = inChannels;
        foreach (var op in ops)
        {
            modules.Add((modules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), op.Build(channels)));
            channels = op.OutputChannels(channels);
        }
        return nn.Sequential(modules);
    }

    /// <summary>Channels and side of the output for a square input; side ≤ 0 means the input is too small.</summary>
    public static (int Channels, int Size) Trace(IEnumerable<StackOp> ops, int inChannels, int inputSize)
    {
        var (channels, size) = (inChannels, inputSize);
        foreach (var op in ops)
        {
            if (size < 1) return (channels, 0);
            (channels, size) = (op.OutputChannels(channels), op.OutputSize(size));
        }
        return (channels, size);
    }

    /// <summary>Smallest square input that leaves every op a non-empty output.</summary>
    public static int MinInputSize(IReadOnlyList<StackOp> ops) => ConvArithmetic.MinInputSize(s => Trace(ops, 1, s).Size);
}
