using CnnZoo.Architectures;
using CnnZoo.Architectures.Weights;
using CnnZoo.Onnx.IO;
using static TorchSharp.torch;

namespace CnnZoo.Onnx.Import;

/// <summary>Loads a ResNet ONNX graph's initializers into a zoo model, strictly and all at once.</summary>
internal static class OnnxWeightsImport
{
    /// <summary>
    /// Reads <paramref name="path"/>, maps its initializers by structure (<see cref="ResNetGraphReader"/>) and copies them
    /// into <paramref name="model"/>. Every check (file, graph, keys both ways, shapes) runs before the first copy, so a
    /// failure leaves the model as it was. The classifier and BN batch counters, which the graph does not carry, keep the
    /// model's own values.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is unreadable or its graph is not a BasicBlock ResNet.</exception>
    /// <exception cref="StateDictMismatchException">The graph's tensors do not fit the model's layers; the message lists them.</exception>
    public static void LoadInto(CnnModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = new OnnxGraph(OnnxFile.Read(path).Graph, path);
        var mapped = ResNetGraphReader.Read(graph);
        using var source = new StateDict();
        foreach (var (key, initializer) in mapped)
            source.Add(key, tensor(OnnxTensors.ReadFloats(initializer, path), OnnxTensors.Shape(initializer)));
        // Aliases of the model's own tensors for what the graph lacks, so the strict load still reports every other key.
        foreach (var (key, own) in model.state_dict())
            if (ResNetGraphReader.IsAbsentFromGraph(key) && !source.ContainsKey(key)) source.Add(key, own.alias());
        model.LoadStateDict(source, strict: true);
    }
}
