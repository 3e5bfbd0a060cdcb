using CnnZoo.Onnx.IO;
using CnnZoo.Onnx.Pretrained;

namespace CnnZoo.Onnx.Import;

/// <summary>
/// Reads the input convention out of a preprocessing graph of the form ML.NET's DnnImageFeaturizer ships
/// (<c>ResNetPreprocess.onnx</c>): Split the RGB input into channels → Concat them in the network's order → Sub a mean image.
/// </summary>
internal static class PreprocessGraphReader
{
    /// <exception cref="InvalidDataException">The file is unreadable or the graph has another form.</exception>
    public static InputConvention Read(string path)
    {
        var graph = new OnnxGraph(OnnxFile.Read(path).Graph, path);
        var sub = graph.Expect(graph.Single(graph.Graph.Output, "output"), "Sub");
        var concat = graph.Expect(sub.Input[0], "Concat");
        var split = graph.ProducerOf(concat.Input[0]);
        if (split is not { OpType: "Split" } || split.Input[0] != graph.Single(graph.DataInputs, "data input")
            || OnnxGraph.Int(split, "axis", 0) != 1 || OnnxGraph.Int(concat, "axis", 0) != 1 || split.Output.Count != 3)
            throw graph.Error("expected the input split into 3 channels (axis 1) and concatenated back (axis 1)");
        // Position of each concatenated channel in the input: [2, 1, 0] reverses RGB into BGR.
        var order = concat.Input.Select(name => split.Output.IndexOf(name)).ToArray();
        var channelOrder = order.SequenceEqual([0, 1, 2]) ? ChannelOrder.Rgb
            : order.SequenceEqual([2, 1, 0]) ? ChannelOrder.Bgr
            : throw graph.Error($"the channels are concatenated in the order [{string.Join(", ", order)}], neither RGB nor BGR");
        var mean = graph.Initializer(sub.Input[1]);
        var shape = OnnxTensors.Shape(mean);
        if (shape is not [1, 3, var height, var width] || height != width)
            throw graph.Error($"the mean image '{mean.Name}' has shape [{string.Join(", ", shape)}], expected [1, 3, S, S]");
        return new InputConvention(channelOrder, pixelScale: 1f, OnnxTensors.ReadFloats(mean, path), (int)height);
    }
}
