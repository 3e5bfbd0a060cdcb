using System.Globalization;
using CnnZoo.Onnx.IO;
using Onnx;

namespace CnnZoo.Onnx.Import;

/// <summary>
/// Names the initializers of a ResNet graph with BasicBlocks by torchvision's state_dict keys (<c>conv1</c>, <c>bn1</c>,
/// <c>layerN.M.conv1/bn1/conv2/bn2</c>, <c>layerN.0.downsample.0/.1</c>), whatever the exporter called them.
/// </summary>
/// <remarks>
/// It follows the graph backwards from the pooled output: each block ends in Relu(Add(main, shortcut)), the main branch
/// is Conv → BN → Relu → Conv → BN, the shortcut is the block input itself or Conv → BN on it (the projection). Node
/// order is not used: CNTK lists a block's projection before its conv1. A new stage starts at each projection. Strides
/// and pads are checked against torchvision's ResNet; CNTK's end pads differ ([1,1,0,0] on a stride-2 3×3) but only the
/// begin pads matter at even input sizes, where the two give the same outputs.
/// </remarks>
internal static class ResNetGraphReader
{
    private const float BatchNormEpsilon = 1e-5f; // TorchSharp's BatchNorm2d default, which the zoo's ResNet uses

    private sealed record Block(NodeProto Conv1, NodeProto Bn1, NodeProto Conv2, NodeProto Bn2, (NodeProto Conv, NodeProto Bn)? Projection);

    /// <summary>True for module keys such a graph never holds: the classifier (the graph ends at the pooled features) and BN's batch counters.</summary>
    public static bool IsAbsentFromGraph(string key) =>
        key.StartsWith("fc.", StringComparison.Ordinal) || key.EndsWith(".num_batches_tracked", StringComparison.Ordinal);

    /// <summary>Every initializer of the graph under its torchvision key, stem first, then stage by stage.</summary>
    /// <exception cref="InvalidDataException">The graph is not a BasicBlock ResNet, or a node's attributes differ from torchvision's.</exception>
    public static IReadOnlyList<(string Key, TensorProto Tensor)> Read(OnnxGraph graph)
    {
        var pool = graph.Expect(graph.Single(graph.Graph.Output, "output"), "AveragePool");
        var blocks = new List<Block>();
        var x = pool.Input[0];
        NodeProto? maxPool;
        while ((maxPool = graph.ProducerOf(x)) is { OpType: not "MaxPool" })
        {
            var add = graph.Expect(graph.Expect(x, "Relu").Input[0], "Add");
            var (block, input) = ReadBlock(graph, add);
            blocks.Add(block);
            x = input;
        }
        if (maxPool is null) throw graph.Error($"'{x}' has no producer where the stem's MaxPool should be");
        blocks.Reverse();

        var weights = new List<(string, TensorProto)>();
        ReadStem(graph, maxPool, weights);
        var (stage, index) = (0, 0);
        foreach (var block in blocks)
        {
            if (stage == 0 || block.Projection is not null) (stage, index) = (stage + 1, 0);
            var prefix = string.Create(CultureInfo.InvariantCulture, $"layer{stage}.{index}.");
            var stride = stage > 1 && index == 0 ? 2 : 1;
            if (block.Projection is { } projection)
            {
                AddConv(graph, projection.Conv, prefix + "downsample.0", stride, weights);
                AddBatchNorm(graph, projection.Bn, prefix + "downsample.1", weights);
            }
            AddConv(graph, block.Conv1, prefix + "conv1", stride, weights);
            AddBatchNorm(graph, block.Bn1, prefix + "bn1", weights);
            AddConv(graph, block.Conv2, prefix + "conv2", 1, weights);
            AddBatchNorm(graph, block.Bn2, prefix + "bn2", weights);
            index++;
        }
        var unused = graph.Graph.Initializer.Select(t => t.Name).Except(weights.Select(w => w.Item2.Name)).ToList();
        if (unused.Count > 0) throw graph.Error($"{unused.Count} initializer(s) are not part of a ResNet layer: {string.Join(", ", unused.Take(10))}");
        return weights;
    }

    private static void ReadStem(OnnxGraph graph, NodeProto maxPool, List<(string, TensorProto)> weights)
    {
        CheckWindow(graph, maxPool, kernel: 3, stride: 2);
        var bn = graph.Expect(graph.Expect(maxPool.Input[0], "Relu").Input[0], "BatchNormalization");
        var conv = graph.Expect(bn.Input[0], "Conv");
        var input = graph.Single(graph.DataInputs, "data input");
        if (conv.Input[0] != input) throw graph.Error($"the stem's Conv reads '{conv.Input[0]}', not the graph input '{input}'");
        AddConv(graph, conv, "conv1", 2, weights);
        AddBatchNorm(graph, bn, "bn1", weights);
    }

    // Relu(Add(main, shortcut)): whichever Add input parses as Conv → BN → Relu → Conv → BN is the main branch.
    private static (Block Block, string Input) ReadBlock(OnnxGraph graph, NodeProto add)
    {
        if (add.Input.Count != 2) throw graph.Error($"Add '{add.Output[0]}' has {add.Input.Count} inputs, a residual block has 2");
        for (var main = 0; main < 2; main++)
        {
            if (TryReadMainBranch(graph, add.Input[main]) is not { } branch) continue;
            var shortcut = add.Input[1 - main];
            if (shortcut == branch.Input) return (branch.Block, branch.Input);
            if (graph.ProducerOf(shortcut) is { OpType: "BatchNormalization" } bn
                && graph.ProducerOf(bn.Input[0]) is { OpType: "Conv" } conv && conv.Input[0] == branch.Input)
                return (branch.Block with { Projection = (conv, bn) }, branch.Input);
            throw graph.Error($"the shortcut '{shortcut}' into Add '{add.Output[0]}' is neither the block input '{branch.Input}' nor a Conv → BatchNormalization on it");
        }
        throw graph.Error($"neither input of Add '{add.Output[0]}' is a Conv → BatchNormalization → Relu → Conv → BatchNormalization branch");
    }

    private static (Block Block, string Input)? TryReadMainBranch(OnnxGraph graph, string tensor)
    {
        if (graph.ProducerOf(tensor) is not { OpType: "BatchNormalization" } bn2
            || graph.ProducerOf(bn2.Input[0]) is not { OpType: "Conv" } conv2
            || graph.ProducerOf(conv2.Input[0]) is not { OpType: "Relu" } relu
            || graph.ProducerOf(relu.Input[0]) is not { OpType: "BatchNormalization" } bn1
            || graph.ProducerOf(bn1.Input[0]) is not { OpType: "Conv" } conv1)
            return null;
        return (new Block(conv1, bn1, conv2, bn2, null), conv1.Input[0]);
    }

    private static void AddConv(OnnxGraph graph, NodeProto conv, string key, int stride, List<(string, TensorProto)> weights)
    {
        if (conv.Input.Count != 2) throw graph.Error($"Conv '{conv.Output[0]}' ({key}) has a bias; ResNet's convolutions have none");
        var weight = graph.Initializer(conv.Input[1]);
        if (weight.Dims.Count != 4) throw graph.Error($"Conv '{conv.Output[0]}' ({key}) has a weight of rank {weight.Dims.Count}, expected OIHW");
        if (OnnxGraph.Int(conv, "group", 1) != 1 || OnnxGraph.Ints(conv, "dilations", [1, 1]).Any(d => d != 1))
            throw graph.Error($"Conv '{conv.Output[0]}' ({key}) is grouped or dilated; ResNet's are not");
        CheckWindow(graph, conv, (int)weight.Dims[2], stride);
        weights.Add((key + ".weight", weight));
    }

    // Strides as torchvision's, begin pads kernel/2 (torchvision's symmetric padding; the end pads may be smaller, see the remarks).
    private static void CheckWindow(OnnxGraph graph, NodeProto node, int kernel, int stride)
    {
        var strides = OnnxGraph.Ints(node, "strides", [1, 1]);
        var pads = OnnxGraph.Ints(node, "pads", [0, 0, 0, 0]);
        var kernelShape = OnnxGraph.Ints(node, "kernel_shape", [kernel, kernel]);
        if (kernelShape.Any(k => k != kernel) || strides.Any(s => s != stride) || pads.Length != 4 || pads[0] != kernel / 2 || pads[1] != kernel / 2
            || pads[2] > kernel / 2 || pads[3] > kernel / 2)
            throw graph.Error($"{node.OpType} '{node.Output[0]}' has kernel [{string.Join(", ", kernelShape)}], strides [{string.Join(", ", strides)}], pads [{string.Join(", ", pads)}]; "
                + $"torchvision's ResNet has kernel {kernel}, stride {stride}, pad {kernel / 2}");
    }

    private static void AddBatchNorm(OnnxGraph graph, NodeProto bn, string key, List<(string, TensorProto)> weights)
    {
        var epsilon = OnnxGraph.Float(bn, "epsilon", 1e-5f);
        if (Math.Abs(epsilon - BatchNormEpsilon) > 1e-9f)
            throw graph.Error($"BatchNormalization '{bn.Output[0]}' ({key}) has epsilon {epsilon}; the zoo's BatchNorm2d uses {BatchNormEpsilon}");
        if (bn.Input.Count != 5) throw graph.Error($"BatchNormalization '{bn.Output[0]}' ({key}) has {bn.Input.Count} inputs, expected 5");
        // ONNX's order: X, scale, B, mean, var.
        string[] names = ["weight", "bias", "running_mean", "running_var"];
        for (var i = 0; i < names.Length; i++) weights.Add(($"{key}.{names[i]}", graph.Initializer(bn.Input[i + 1])));
    }
}
