namespace CnnZoo.Onnx.Export;

/// <summary>Settings of an ONNX export (<see cref="OnnxExport"/>).</summary>
public sealed record OnnxExportOptions
{
    /// <summary>Name of the graph input, float32 [N, C, H, W] (or [N, H, W, C] with <see cref="ChannelsLast"/>) with a dynamic batch dimension <c>N</c>. Default <c>input</c>.</summary>
    public string InputName { get; init; } = "input";

    /// <summary>Name of the graph output: the logits [N, classes], or the probabilities with <see cref="Softmax"/>. Default <c>logits</c>.</summary>
    public string OutputName { get; init; } = "logits";

    /// <summary>
    /// The square input side the graph is built for; null (the default) uses the size the model was built with
    /// (<c>model.Options.InputSize</c>). Sizes a net's layers depend on (adaptive pooling, ceil-mode pooling) are fixed in the
    /// graph, so only the batch dimension is dynamic.
    /// </summary>
    public int? InputSize { get; init; }

    /// <summary>
    /// Per-channel <c>(x − mean) / std</c> applied to the input before the network, so the graph takes pixels in the units
    /// the statistics were computed in (e.g. 0–255). Null (the default): the input goes to the network as it is.
    /// </summary>
    public OnnxInputNormalization? Normalization { get; init; }

    /// <summary>True: the output is <c>softmax(logits)</c> over the classes, i.e. probabilities. Default false (logits).</summary>
    public bool Softmax { get; init; }

    /// <summary>True: the input is [N, H, W, C] (interleaved pixels) and the graph transposes it to [N, C, H, W] first. Default false.</summary>
    public bool ChannelsLast { get; init; }

    /// <summary>
    /// Extra entries for the model's <c>metadata_props</c>, written after the exporter's own <c>cnnzoo.*</c> entries in key
    /// order (so the bytes stay deterministic). A key the exporter writes itself is refused.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
