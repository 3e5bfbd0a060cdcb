using CnnZoo.Architectures.Export;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Layers;

/// <summary>A layer that knows its own multiply-accumulate count (for layers <c>ModelSummary</c> cannot infer).</summary>
public interface ICountsMacs
{
    /// <summary>MACs for one image, given the layer's output shape [N, C, H, W] or [N, F].</summary>
    long MacsPerImage(long[] outputShape);
}

/// <summary>LeNet-5's squashing function <c>f(a) = A·tanh(S·a)</c> with A = 1.7159, S = 2/3 (Appendix A of the paper).</summary>
public sealed class ScaledTanh : nn.Module<Tensor, Tensor>, IDescribesForward
{
    /// <summary>Amplitude A.</summary>
    public const double Amplitude = 1.7159;
    /// <summary>Slope S at the origin.</summary>
    public const double Slope = 2.0 / 3.0;

    /// <summary>Creates the activation.</summary>
    public ScaledTanh() : base(nameof(ScaledTanh)) { }

    /// <inheritdoc />
    public override Tensor forward(Tensor x) => tanh(x * Slope) * Amplitude; // not in place: tanh's backward needs its output

    GraphValue IDescribesForward.DescribeForward(IForwardGraph graph, GraphValue input) =>
        graph.Mul(graph.Tanh(graph.Mul(input, graph.Scalar((float)Slope))), graph.Scalar((float)Amplitude));
}

/// <summary>
/// LeNet-5's S2/S4: each 2×2 window is summed, multiplied by a trainable coefficient and shifted by a trainable bias,
/// one pair per map (2 parameters per map), then squashed by the caller.
/// </summary>
public sealed class Subsampling : nn.Module<Tensor, Tensor>, ICountsMacs, IDescribesForward
{
    private readonly TorchSharp.Modules.Parameter weight, bias;

    /// <summary>A subsampling layer over <paramref name="maps"/> feature maps.</summary>
    public Subsampling(int maps) : base(nameof(Subsampling))
    {
        // A coefficient of 1/4 starts as an average pool; the paper leaves the initial values open.
        weight = nn.Parameter(full(maps, 0.25f));
        bias = nn.Parameter(zeros(maps));
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var sums = nn.functional.avg_pool2d(x, 2, 2) * 4;
        return sums * weight.view(1, -1, 1, 1) + bias.view(1, -1, 1, 1);
    }

    GraphValue IDescribesForward.DescribeForward(IForwardGraph graph, GraphValue input)
    {
        var sums = graph.Mul(graph.AveragePool(input, 2, 2), graph.Scalar(4));
        return graph.Add(graph.Mul(sums, graph.Parameter(this, "weight", weight.view(1, -1, 1, 1))), graph.Parameter(this, "bias", bias.view(1, -1, 1, 1)));
    }

    /// <summary>One coefficient multiply per output unit.</summary>
    public long MacsPerImage(long[] outputShape) => outputShape[1] * outputShape[2] * outputShape[3];
}

/// <summary>
/// LeNet-5's C3: a 5×5 convolution in which output map j sees only the S2 maps listed in row j of the connection table
/// (Table I of the paper). Only the connected kernels are parameters (1,500 weights + 16 biases = 1,516).
/// </summary>
public sealed class ConnectionTableConv : nn.Module<Tensor, Tensor>, ICountsMacs, IDescribesForward
{
    private readonly TorchSharp.Modules.Parameter weight, bias;
    private readonly int inMaps, outMaps, kernel, connected;

    /// <summary>Builds the layer from a table: <c>table[j]</c> = input maps feeding output map j.</summary>
    public ConnectionTableConv(int inMaps, IReadOnlyList<int[]> table, int kernel) : base(nameof(ConnectionTableConv))
    {
        (this.inMaps, outMaps, this.kernel) = (inMaps, table.Count, kernel);
        connected = table.Sum(row => row.Length);
        // Flat positions, in the dense [out, in, k, k] weight, of each connected kernel.
        var positions = new List<long>(connected * kernel * kernel);
        for (var j = 0; j < table.Count; j++)
            foreach (var i in table[j])
                for (var k = 0; k < kernel * kernel; k++)
                    positions.Add(((long)j * inMaps + i) * kernel * kernel + k);
        var fanIn = (double)connected / outMaps * kernel * kernel;
        var bound = 1 / Math.Sqrt(fanIn);
        weight = nn.Parameter(empty(positions.Count).uniform_(-bound, bound));
        bias = nn.Parameter(empty(outMaps).uniform_(-bound, bound));
        register_buffer("positions", tensor(positions.ToArray()), persistent: false);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x) => nn.functional.conv2d(x, DenseWeight(), bias);

    /// <summary>The connected kernels placed in a dense [out, in, k, k] weight, zeros where the table has no connection.</summary>
    private Tensor DenseWeight() =>
        zeros(outMaps * inMaps * kernel * kernel, dtype: weight.dtype, device: weight.device)
            .index_put_(weight, get_buffer("positions")!)
            .view(outMaps, inMaps, kernel, kernel);

    GraphValue IDescribesForward.DescribeForward(IForwardGraph graph, GraphValue input)
    {
        using var _ = no_grad();
        return graph.Conv(input, graph.Parameter(this, "weight", DenseWeight()), graph.Parameter(this, "bias", bias));
    }

    /// <summary>Only connected kernels multiply: H·W·(connected kernels)·k².</summary>
    public long MacsPerImage(long[] outputShape) => outputShape[2] * outputShape[3] * connected * kernel * kernel;
}

/// <summary>
/// LeNet-5's output layer: Euclidean RBF units <c>y_i = Σ_j (x_j − w_ij)²</c> with fixed ±1 prototypes (7×12 bitmaps
/// of the digits). Returns <c>−y</c>, so the largest value is the best class and a softmax cross-entropy over it is the
/// paper's MAP criterion without the constant j term.
/// </summary>
public sealed class EuclideanRbf : nn.Module<Tensor, Tensor>, ICountsMacs, IDescribesForward
{
    private readonly Tensor prototypes;

    /// <summary>Creates the layer from fixed prototypes [classes, features] (a buffer, not trained).</summary>
    public EuclideanRbf(Tensor prototypes) : base(nameof(EuclideanRbf))
    {
        this.prototypes = prototypes;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x) => (x.unsqueeze(1) - prototypes.unsqueeze(0)).square().sum(-1).neg();

    GraphValue IDescribesForward.DescribeForward(IForwardGraph graph, GraphValue input)
    {
        var difference = graph.Sub(graph.Unsqueeze(input, 1), graph.Parameter(this, nameof(prototypes), prototypes.unsqueeze(0)));
        return graph.Neg(graph.Sum(graph.Mul(difference, difference), -1));
    }

    /// <summary>One multiply per (class, feature) pair.</summary>
    public long MacsPerImage(long[] outputShape) => prototypes.shape[0] * prototypes.shape[1];
}
