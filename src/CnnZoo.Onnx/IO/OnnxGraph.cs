using Onnx;

namespace CnnZoo.Onnx.IO;

/// <summary>
/// Look-ups over an ONNX graph for readers that follow it by structure (who produces a tensor, which tensors are
/// initializers, a node's attributes), each failing with a message that names the source and the tensor.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly Dictionary<string, NodeProto> producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorProto> initializers = new(StringComparer.Ordinal);

    public OnnxGraph(GraphProto graph, string source)
    {
        Graph = graph;
        Source = source;
        foreach (var node in graph.Node)
            foreach (var output in node.Output) producers[output] = node;
        foreach (var tensor in graph.Initializer) initializers[tensor.Name] = tensor;
    }

    /// <summary>The parsed graph.</summary>
    public GraphProto Graph { get; }

    /// <summary>Where the graph came from, for messages (a file path).</summary>
    public string Source { get; }

    /// <summary>The graph's inputs that are not initializers (older opsets list initializers as inputs too).</summary>
    public IReadOnlyList<ValueInfoProto> DataInputs => Graph.Input.Where(i => !initializers.ContainsKey(i.Name)).ToList();

    /// <summary>The one data input or output the graph must have.</summary>
    public string Single(IReadOnlyList<ValueInfoProto> values, string what) => values.Count == 1
        ? values[0].Name
        : throw Error($"expected one graph {what}, found {values.Count}");

    /// <summary>The node producing <paramref name="tensor"/>, or null for a graph input or initializer.</summary>
    public NodeProto? ProducerOf(string tensor) => producers.GetValueOrDefault(tensor);

    /// <summary>The node producing <paramref name="tensor"/>, which must be a <paramref name="opType"/>.</summary>
    public NodeProto Expect(string tensor, string opType)
    {
        var node = ProducerOf(tensor);
        return node?.OpType == opType ? node
            : throw Error($"expected '{tensor}' to come from {opType}, found {node?.OpType ?? "no node (a graph input or initializer)"}");
    }

    /// <summary>The initializer named <paramref name="name"/>.</summary>
    public TensorProto Initializer(string name) => initializers.TryGetValue(name, out var tensor) ? tensor
        : throw Error($"'{name}' is not an initializer");

    /// <summary>An integer-list attribute, or <paramref name="fallback"/> when the node leaves it at its ONNX default.</summary>
    public static long[] Ints(NodeProto node, string name, long[] fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute ? attribute.Ints.ToArray() : fallback;

    /// <summary>An integer attribute, or <paramref name="fallback"/>.</summary>
    public static long Int(NodeProto node, string name, long fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name)?.I ?? fallback;

    /// <summary>A float attribute, or <paramref name="fallback"/>.</summary>
    public static float Float(NodeProto node, string name, float fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name)?.F ?? fallback;

    /// <summary>An error about this graph that names its source.</summary>
    public InvalidDataException Error(string what) =>
        new($"{Source}: {what}. The graph does not have the structure this reader expects.");
}
