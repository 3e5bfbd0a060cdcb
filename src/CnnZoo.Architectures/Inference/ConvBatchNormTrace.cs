using CnnZoo.Architectures.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Inference;

/// <summary>
/// Finds the BatchNorm layers that can be folded into a convolution by walking a model's own forward description
/// (<see cref="CnnModel.DescribeForward"/>, the one the ONNX exporter uses, checked against libtorch for every family):
/// a BatchNorm2d applied to a value that a Conv2d produced and that nothing else reads, each module applied once.
/// Only channel counts are tracked (all the descriptions ask of a shape). Any module it does not know makes
/// <see cref="Find"/> return no pairs, so an unknown structure is left unfolded rather than guessed.
/// </summary>
internal sealed class ConvBatchNormTrace : IForwardGraph
{
    private readonly Dictionary<string, nn.Module> _producer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _uses = new(StringComparer.Ordinal);
    private readonly Dictionary<nn.Module, int> _applications = new(ReferenceEqualityComparer.Instance);
    private readonly List<(Conv2d Conv, BatchNorm2d Norm, string Value)> _candidates = [];
    private int _next;

    /// <summary>The (conv, BN) pairs of <paramref name="model"/>'s eval-mode forward pass; empty when it cannot be described.</summary>
    public static IReadOnlyList<(Conv2d Conv, BatchNorm2d Norm)> Find(CnnModel model)
    {
        var trace = new ConvBatchNormTrace();
        using var scope = NewDisposeScope(); // descriptions may make tensors (LeNet's dense C3 kernel)
        using var noGrad = no_grad();
        try
        {
            var input = trace.Value([-1, model.Options.InChannels, -1, -1]);
            model.DescribeForward(trace, input);
        }
        catch (NotSupportedException)
        {
            return [];
        }
        return trace._candidates
            .Where(c => trace._uses[c.Value] == 1 && trace._applications[c.Conv] == 1 && trace._applications[c.Norm] == 1)
            .Where(c => c.Conv.out_channels == c.Norm.num_features && c.Norm.running_mean is not null && c.Norm.running_var is not null)
            .Select(c => (c.Conv, c.Norm))
            .ToList();
    }

    /// <inheritdoc />
    public GraphValue Apply(nn.Module module, GraphValue input)
    {
        switch (module)
        {
            case IDescribesForward layer:
                return layer.DescribeForward(this, input); // the layer's own reads count as reads of input
            case Sequential sequential:
                return sequential.children().Aggregate(input, (value, child) => Apply(child, value));
        }
        Use(input);
        _applications[module] = _applications.GetValueOrDefault(module) + 1;
        switch (module)
        {
            case Conv2d conv:
                var output = Value([input.Shape[0], conv.out_channels, -1, -1]);
                _producer[output.Name] = conv;
                return output;
            case BatchNorm2d norm:
                if (_producer.GetValueOrDefault(input.Name) is Conv2d producer) _candidates.Add((producer, norm, input.Name));
                return Value(input.Shape);
            case Linear linear:
                return Value([input.Shape[0], linear.out_features]);
            case LocalResponseNorm or MaxPool2d or AvgPool2d or AdaptiveAvgPool2d or ReLU or Dropout or Identity:
                return Value(input.Shape);
            case TorchSharp.Modules.Flatten:
                return Value([input.Shape[0], -1]);
            default:
                throw new NotSupportedException($"Not folded: {module.GetType().Name} is not a module the trace knows.");
        }
    }

    /// <inheritdoc />
    public GraphValue Parameter(nn.Module owner, string key, Tensor value) => Value(value.shape);

    /// <inheritdoc />
    public GraphValue Scalar(float value) => Value([]);

    /// <inheritdoc />
    public GraphValue Relu(GraphValue x) => Unary(x);

    /// <inheritdoc />
    public GraphValue Tanh(GraphValue x) => Unary(x);

    /// <inheritdoc />
    public GraphValue Add(GraphValue a, GraphValue b) => Binary(a, b);

    /// <inheritdoc />
    public GraphValue Sub(GraphValue a, GraphValue b) => Binary(a, b);

    /// <inheritdoc />
    public GraphValue Mul(GraphValue a, GraphValue b) => Binary(a, b);

    /// <inheritdoc />
    public GraphValue Neg(GraphValue x) => Unary(x);

    /// <inheritdoc />
    public GraphValue Flatten(GraphValue x) { Use(x); return Value([x.Shape[0], -1]); }

    /// <inheritdoc />
    public GraphValue Concat(IReadOnlyList<GraphValue> values, int axis)
    {
        foreach (var v in values) Use(v);
        var shape = (long[])values[0].Shape.Clone();
        if (axis < 0) axis += shape.Length;
        shape[axis] = values.Any(v => v.Dim(axis) < 0) ? -1 : values.Sum(v => v.Dim(axis));
        return Value(shape);
    }

    /// <inheritdoc />
    public GraphValue Unsqueeze(GraphValue x, int axis) { Use(x); var s = x.Shape.ToList(); s.Insert(axis < 0 ? axis + x.Rank + 1 : axis, 1); return Value([.. s]); }

    /// <inheritdoc />
    public GraphValue Sum(GraphValue x, int axis) { Use(x); var s = x.Shape.ToList(); s.RemoveAt(axis < 0 ? axis + x.Rank : axis); return Value([.. s]); }

    /// <inheritdoc />
    public GraphValue AveragePool(GraphValue x, int kernel, int stride) => Unary(x);

    /// <inheritdoc />
    public GraphValue Conv(GraphValue x, GraphValue weight, GraphValue bias)
    {
        Use(x); Use(weight); Use(bias);
        return Value([x.Shape[0], weight.Dim(0), -1, -1]);
    }

    /// <inheritdoc />
    public GraphValue Subsample(GraphValue x, int stride) => Unary(x);

    /// <inheritdoc />
    public GraphValue PadChannels(GraphValue x, int before, int after)
    {
        Use(x);
        var shape = (long[])x.Shape.Clone();
        shape[1] = shape[1] < 0 ? -1 : before + shape[1] + after;
        return Value(shape);
    }

    private GraphValue Unary(GraphValue x) { Use(x); return Value(x.Shape); }

    private GraphValue Binary(GraphValue a, GraphValue b) { Use(a); Use(b); return Value(Broadcast(a.Shape, b.Shape)); }

    // NumPy broadcasting with -1 for a size the trace does not know.
    private static long[] Broadcast(long[] a, long[] b)
    {
        var shape = new long[Math.Max(a.Length, b.Length)];
        for (var i = 1; i <= shape.Length; i++)
        {
            var (x, y) = (i <= a.Length ? a[^i] : 1, i <= b.Length ? b[^i] : 1);
            shape[^i] = x == 1 ? y : y == 1 ? x : x < 0 ? y : x;
        }
        return shape;
    }

    private void Use(GraphValue value) => _uses[value.Name] = _uses.GetValueOrDefault(value.Name) + 1;

    private GraphValue Value(long[] shape) => new($"v{_next++}", shape);
}
