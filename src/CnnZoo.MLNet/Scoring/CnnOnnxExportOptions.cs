namespace CnnZoo.MLNet.Scoring;

/// <summary>Settings of <see cref="CnnTransformer.ExportOnnx(string, CnnOnnxExportOptions?)"/>.</summary>
public sealed record CnnOnnxExportOptions
{
    /// <summary>
    /// Name of the graph input; null (the default) uses the transformer's feature column name (e.g. <c>Features</c>), so
    /// <c>ml.Transforms.ApplyOnnxModel(path)</c> reads that column without naming it.
    /// </summary>
    public string? InputName { get; init; }

    /// <summary>Name of the graph output (the class probabilities); null (the default) uses the score column name, <c>Score</c>.</summary>
    public string? OutputName { get; init; }
}
