using CnnZoo.Architectures.Export;
using CnnZoo.Onnx.IO;
using Onnx;
using static TorchSharp.torch;

namespace CnnZoo.Onnx.Export;

/// <summary>
/// Builds an ONNX graph from a described forward pass. Node and value names follow the module paths (<c>layer1.0.conv1/Conv</c>),
/// initializers are named by state_dict key and added in the order they are first used, so the same model always gives
/// the same graph. Registered submodules are converted by <see cref="ModuleConversions"/>.
/// </summary>
internal sealed class OnnxGraphWriter : IForwardGraph
{
    private readonly Dictionary<nn.Module, string> paths = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GraphValue> parameters = new(StringComparer.Ordinal);
    private readonly Stack<string> scopes = new();

    /// <summary>A writer for the modules registered under <paramref name="root"/>.</summary>
    public OnnxGraphWriter(nn.Module root, string graphName)
    {
        foreach (var (path, module) in root.named_modules()) paths.TryAdd(module, path);
        Graph = new GraphProto { Name = graphName };
    }

    /// <summary>The graph built so far.</summary>
    public GraphProto Graph { get; }

    /// <summary>Declares a float32 graph input.</summary>
    public GraphValue Input(string name, long[] shape)
    {
        Graph.Input.Add(OnnxTensorWriting.FloatValue(Reserve(name), shape));
        return new GraphValue(name, shape);
    }

    /// <summary>Declares <paramref name="value"/> the graph output under <paramref name="name"/> (through an Identity node, which runtimes remove).</summary>
    public void Output(GraphValue value, string name)
    {
        var node = new NodeProto { OpType = "Identity", Name = Reserve(name) };
        node.Input.Add(value.Name);
        node.Output.Add(name);
        Graph.Node.Add(node);
        Graph.Output.Add(OnnxTensorWriting.FloatValue(name, value.Shape));
    }

    /// <summary>The state_dict path of a registered module.</summary>
    public string PathOf(nn.Module module) => paths.TryGetValue(module, out var path) ? path
        : throw new InvalidOperationException($"A {module.GetType().FullName} that is not registered in the exported model was applied in its forward description.");

    /// <summary>Emits one node with a single output of the given shape.</summary>
    public GraphValue Node(string opType, IEnumerable<GraphValue> inputs, long[] shape, params AttributeProto[] attributes)
    {
        var scope = scopes.TryPeek(out var s) && s.Length > 0 ? s + "/" : "";
        var name = Reserve(scope + opType);
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs.Select(i => i.Name));
        node.Output.Add(name);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return new GraphValue(name, shape);
    }

    /// <summary>A float32 initializer named <paramref name="name"/> (made unique).</summary>
    public GraphValue Constant(string name, long[] shape, ReadOnlySpan<float> values)
    {
        var unique = Reserve(name);
        Graph.Initializer.Add(OnnxTensorWriting.Floats(unique, shape, values));
        return new GraphValue(unique, shape);
    }

    /// <summary>An int64 vector initializer (the axes, pads and bounds operators take as inputs since opset 13).</summary>
    public GraphValue Int64s(params long[] values)
    {
        var name = Reserve(Scoped("constant"));
        Graph.Initializer.Add(OnnxTensorWriting.Int64s(name, values));
        return new GraphValue(name, [values.Length]);
    }

    /// <inheritdoc />
    public GraphValue Apply(nn.Module module, GraphValue input)
    {
        var path = PathOf(module);
        scopes.Push(path);
        try { return ModuleConversions.Convert(this, module, path, input); }
        finally { scopes.Pop(); }
    }

    /// <inheritdoc />
    public GraphValue Parameter(nn.Module owner, string key, Tensor value)
    {
        var path = PathOf(owner);
        var name = path.Length == 0 ? key : $"{path}.{key}";
        if (parameters.TryGetValue(name, out var known)) return known; // a module applied twice shares its weights
        using var scope = NewDisposeScope();
        var floats = value.detach().cpu().to_type(ScalarType.Float32).contiguous();
        var added = Constant(name, floats.shape, floats.data<float>().ToArray());
        parameters[name] = added;
        return added;
    }

    /// <inheritdoc />
    public GraphValue Scalar(float value) => Constant(Scoped("scalar"), [], [value]);

    /// <inheritdoc />
    public GraphValue Relu(GraphValue x) => Node("Relu", [x], x.Shape);

    /// <inheritdoc />
    public GraphValue Tanh(GraphValue x) => Node("Tanh", [x], x.Shape);

    /// <inheritdoc />
    public GraphValue Add(GraphValue a, GraphValue b) => Node("Add", [a, b], GraphShapes.Broadcast(a.Shape, b.Shape));

    /// <inheritdoc />
    public GraphValue Sub(GraphValue a, GraphValue b) => Node("Sub", [a, b], GraphShapes.Broadcast(a.Shape, b.Shape));

    /// <inheritdoc />
    public GraphValue Mul(GraphValue a, GraphValue b) => Node("Mul", [a, b], GraphShapes.Broadcast(a.Shape, b.Shape));

    /// <inheritdoc />
    public GraphValue Neg(GraphValue x) => Node("Neg", [x], x.Shape);

    /// <inheritdoc />
    public GraphValue Flatten(GraphValue x) =>
        Node("Flatten", [x], [x.Shape[0], x.Shape.Skip(1).Aggregate(1L, (a, d) => a * d)], OnnxAttributes.Int("axis", 1));

    /// <inheritdoc />
    public GraphValue Concat(IReadOnlyList<GraphValue> values, int axis) =>
        Node("Concat", values, GraphShapes.With(values[0], axis, values.Sum(v => v.Dim(axis))), OnnxAttributes.Int("axis", axis));

    /// <inheritdoc />
    public GraphValue Unsqueeze(GraphValue x, int axis)
    {
        var at = axis < 0 ? x.Rank + 1 + axis : axis;
        return Node("Unsqueeze", [x, Int64s(at)], [.. x.Shape[..at], 1, .. x.Shape[at..]]);
    }

    /// <inheritdoc />
    public GraphValue Sum(GraphValue x, int axis)
    {
        var at = GraphShapes.Axis(x, axis);
        return Node("ReduceSum", [x, Int64s(at)], [.. x.Shape[..at], .. x.Shape[(at + 1)..]], OnnxAttributes.Int("keepdims", 0));
    }

    /// <inheritdoc />
    public GraphValue AveragePool(GraphValue x, int kernel, int stride) => WindowOps.AveragePool(this, x, [kernel, kernel], [stride, stride]);

    /// <inheritdoc />
    public GraphValue Conv(GraphValue x, GraphValue weight, GraphValue bias) =>
        WindowOps.Conv(this, x, weight, bias, new WindowGeometry([weight.Dim(2), weight.Dim(3)], [1, 1], [0, 0], [1, 1]), groups: 1);

    /// <inheritdoc />
    public GraphValue Subsample(GraphValue x, int stride)
    {
        var shape = GraphShapes.Spatial(x, x.Dim(1), (x.Dim(2) + stride - 1) / stride, (x.Dim(3) + stride - 1) / stride);
        return Node("Slice", [x, Int64s(0, 0), Int64s(long.MaxValue, long.MaxValue), Int64s(2, 3), Int64s(stride, stride)], shape);
    }

    /// <inheritdoc />
    public GraphValue PadChannels(GraphValue x, int before, int after) =>
        Node("Pad", [x, Int64s(0, before, 0, 0, 0, after, 0, 0)], GraphShapes.With(x, 1, x.Dim(1) + before + after));

    private string Scoped(string what) => scopes.TryPeek(out var s) && s.Length > 0 ? $"{s}/{what}" : what;

    /// <summary>Takes <paramref name="name"/>, or the first of <c>name_2</c>, <c>name_3</c> … still free.</summary>
    private string Reserve(string name)
    {
        var candidate = name;
        for (var i = 2; !names.Add(candidate); i++) candidate = $"{name}_{i}";
        return candidate;
    }
}
