using CnnZoo.Architectures.Export;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Layers;

/// <summary>
/// Conv → [BN] → ReLU. torchvision's <c>BasicConv2d</c> (no conv bias, BN eps 1e-3; keys <c>conv.weight</c>, <c>bn.*</c>)
/// or, without BN, the paper's conv with bias (key <c>conv.weight</c>, <c>conv.bias</c>).
/// </summary>
public sealed class ConvUnit : nn.Module<Tensor, Tensor>, IDescribesForward
{
    private readonly nn.Module<Tensor, Tensor> conv;
    private readonly nn.Module<Tensor, Tensor>? bn;

    /// <summary>A square-kernel unit; <paramref name="batchNorm"/> selects torchvision's form.</summary>
    public ConvUnit(int inChannels, int outChannels, int kernel, int stride = 1, int padding = 0, bool batchNorm = true) : base(nameof(ConvUnit))
    {
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: padding, bias: !batchNorm);
        if (batchNorm) bn = nn.BatchNorm2d(outChannels, eps: 1e-3);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var y = conv.call(x);
        if (bn is not null) y = bn.call(y);
        return nn.functional.relu(y, inplace: true);
    }

    GraphValue IDescribesForward.DescribeForward(IForwardGraph graph, GraphValue input)
    {
        var y = graph.Apply(conv, input);
        if (bn is not null) y = graph.Apply(bn, y);
        return graph.Relu(y);
    }
}

/// <summary>
/// One row of GoogLeNet's Table 1. A null reduction (<c>Reduce3x3</c>, <c>Reduce5x5</c>, <c>PoolProj</c>) gives the
/// lecture's "naive" module, whose 3×3 and 5×5 convs and pool see the full input depth.
/// </summary>
public sealed record InceptionConfig(int Ch1x1, int? Reduce3x3, int Ch3x3, int? Reduce5x5, int Ch5x5, int? PoolProj)
{
    /// <summary>Depth of the concatenated output for an input of <paramref name="inChannels"/> channels.</summary>
    public int OutputChannels(int inChannels) => Ch1x1 + Ch3x3 + Ch5x5 + (PoolProj ?? inChannels);
}

/// <summary>
/// Inception module: concat(1×1; 1×1 → 3×3; 1×1 → 5×5; 3×3/1 max pool → 1×1) along channels. torchvision's
/// "5×5" branch is a 3×3 (pytorch/vision#906); the <c>fiveByFiveKernel</c> argument picks 5 for the paper.
/// </summary>
public sealed class Inception : nn.Module<Tensor, Tensor>, IDescribesForward
{
    private readonly nn.Module<Tensor, Tensor> branch1, branch2, branch3, branch4;

    /// <summary>Builds the module for <paramref name="inChannels"/> input channels.</summary>
    public Inception(int inChannels, InceptionConfig config, bool batchNorm, int fiveByFiveKernel) : base(nameof(Inception))
    {
        branch1 = new ConvUnit(inChannels, config.Ch1x1, 1, batchNorm: batchNorm);
        branch2 = Reduced(inChannels, config.Reduce3x3, config.Ch3x3, 3, batchNorm);
        branch3 = Reduced(inChannels, config.Reduce5x5, config.Ch5x5, fiveByFiveKernel, batchNorm);
        var pool = nn.MaxPool2d(3, 1, 1, ceil_mode: true);
        branch4 = config.PoolProj is int proj
            ? nn.Sequential(("0", pool), ("1", new ConvUnit(inChannels, proj, 1, batchNorm: batchNorm)))
            : nn.Sequential(("0", pool));
        RegisterComponents();
    }

    private static nn.Module<Tensor, Tensor> Reduced(int inChannels, int? reduce, int channels, int kernel, bool batchNorm) =>
        reduce is int r
            ? nn.Sequential(("0", new ConvUnit(inChannels, r, 1, batchNorm: batchNorm)), ("1", new ConvUnit(r, channels, kernel, padding: kernel / 2, batchNorm: batchNorm)))
            : nn.Sequential(("0", new ConvUnit(inChannels, channels, kernel, padding: kernel / 2, batchNorm: batchNorm)));

    /// <inheritdoc />
    public override Tensor forward(Tensor x) => cat([branch1.call(x), branch2.call(x), branch3.call(x), branch4.call(x)], 1);

    GraphValue IDescribesForward.DescribeForward(IForwardGraph graph, GraphValue input) =>
        graph.Concat([graph.Apply(branch1, input), graph.Apply(branch2, input), graph.Apply(branch3, input), graph.Apply(branch4, input)], 1);
}

/// <summary>
/// Auxiliary classifier on 4a and 4d: pool to 4×4 → 1×1 conv 128 → FC 1024 → ReLU → dropout 0.7 → FC. torchvision pools
/// adaptively; the paper uses a 5×5/3 average pool (4×4 on the 14×14 map).
/// </summary>
public sealed class InceptionAux : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> conv, fc1, dropout;
    private readonly nn.Module<Tensor, Tensor> fc2;
    private readonly bool paperPool;

    /// <summary>An auxiliary head on a map of <paramref name="inChannels"/> channels.</summary>
    public InceptionAux(int inChannels, int numClasses, bool batchNorm, bool paperPool, double dropoutRate = 0.7) : base(nameof(InceptionAux))
    {
        this.paperPool = paperPool;
        conv = new ConvUnit(inChannels, 128, 1, batchNorm: batchNorm);
        fc1 = nn.Linear(2048, 1024);
        fc2 = nn.Linear(1024, numClasses);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        x = paperPool ? nn.functional.avg_pool2d(x, 5, 3) : nn.functional.adaptive_avg_pool2d(x, [4, 4]); // N x C x 4 x 4
        x = conv.call(x).flatten(1);                                                                          // N x 2048
        x = nn.functional.relu(fc1.call(x), inplace: true);                                                   // N x 1024
        return fc2.call(dropout.call(x));                                                                     // N x classes
    }
}
