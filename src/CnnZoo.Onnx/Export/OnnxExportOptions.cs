namespace CnnZoo.Onnx.Export;

/// <summary>Settings of an ONNX export (<see cref="OnnxExport"/>).</summary>
public sealed record OnnxExportOptions
{
    /// <summary>Name of the graph input, float32 [N, C, H, W] with a dynamic batch dimension <c>N</c>. Default <c>input</c>.</summary>
    public string InputName { get; init; } = "input";

    /// <summary>Name of the graph output, the logits [N, classes]. Default <c>logits</c>.</summary>
    public string OutputName { get; init; } = "logits";

    /// <summary>
    /// The square input side the graph is built for; null (the default) uses the size the model was built with
    /// (<c>model.Options.InputSize</c>). Sizes a net's layers depend on (adaptive pooling, ceil-mode pooling) are fixed in the
    /// graph, so only the batch dimension is dynamic.
    /// </summary>
    public int? InputSize { get; init; }
}
