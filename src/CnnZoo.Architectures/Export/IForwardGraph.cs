using static TorchSharp.torch;

namespace CnnZoo.Architectures.Export;

/// <summary>
/// What a zoo model or layer may say about its eval-mode forward pass so that an exporter (CnnZoo.Onnx) can rebuild it
/// as a graph: the registered submodules it applies, in order, and the tensor operations between them. The zoo's
/// <c>forward</c> is C# code, not a module graph, so each family and each zoo layer describes itself
/// (<see cref="IDescribesForward"/>, <see cref="CnnModel.DescribeForward"/>); the exporter knows only TorchSharp's
/// standard modules and these operations, and refuses everything else.
/// </summary>
internal interface IForwardGraph
{
    /// <summary>
    /// A registered submodule applied to <paramref name="input"/> in eval mode (dropout is the identity, BatchNorm uses its
    /// running statistics). Unknown module types throw <see cref="NotSupportedException"/> naming the type and the state_dict path.
    /// </summary>
    GraphValue Apply(nn.Module module, GraphValue input);

    /// <summary>
    /// A constant named after <paramref name="owner"/>'s state_dict path and <paramref name="key"/> (<c>C3.weight</c>):
    /// the module's parameter or buffer, possibly in another layout than its state_dict holds (a view, an expansion).
    /// </summary>
    GraphValue Parameter(nn.Module owner, string key, Tensor value);

    /// <summary>A float32 scalar constant (broadcasts against anything).</summary>
    GraphValue Scalar(float value);

    /// <summary>max(x, 0).</summary>
    GraphValue Relu(GraphValue x);

    /// <summary>tanh(x).</summary>
    GraphValue Tanh(GraphValue x);

    /// <summary>a + b, broadcasting.</summary>
    GraphValue Add(GraphValue a, GraphValue b);

    /// <summary>a − b, broadcasting.</summary>
    GraphValue Sub(GraphValue a, GraphValue b);

    /// <summary>a · b element-wise, broadcasting.</summary>
    GraphValue Mul(GraphValue a, GraphValue b);

    /// <summary>−x.</summary>
    GraphValue Neg(GraphValue x);

    /// <summary><c>x.flatten(1)</c>: [N, …] → [N, product of the rest].</summary>
    GraphValue Flatten(GraphValue x);

    /// <summary>Concatenation along <paramref name="axis"/>.</summary>
    GraphValue Concat(IReadOnlyList<GraphValue> values, int axis);

    /// <summary><c>x.unsqueeze(axis)</c>.</summary>
    GraphValue Unsqueeze(GraphValue x, int axis);

    /// <summary><c>x.sum(axis)</c> (the axis is dropped).</summary>
    GraphValue Sum(GraphValue x, int axis);

    /// <summary><c>avg_pool2d(x, kernel, stride)</c> without padding.</summary>
    GraphValue AveragePool(GraphValue x, int kernel, int stride);

    /// <summary><c>conv2d(x, weight, bias)</c>: stride 1, no padding, one group.</summary>
    GraphValue Conv(GraphValue x, GraphValue weight, GraphValue bias);

    /// <summary><c>x[:, :, ::stride, ::stride]</c>.</summary>
    GraphValue Subsample(GraphValue x, int stride);

    /// <summary>Zero channels added before and after x's own ([N, C, H, W] → [N, before + C + after, H, W]).</summary>
    GraphValue PadChannels(GraphValue x, int before, int after);
}
