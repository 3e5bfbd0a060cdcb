namespace CnnZoo.MLNet.Training;

/// <summary>
/// Which layers of a pretrained network fine-tuning trains; the new head always trains. Blocks are the model's
/// top-level blocks in order (<see cref="CnnZoo.Architectures.CnnModel.Blocks"/>: e.g. <c>conv1</c>, <c>bn1</c>,
/// <c>layer1</c> … <c>layer4</c> for a ResNet).
/// </summary>
public sealed record TrainableLayers
{
    private TrainableLayers(string? firstBlock, bool headOnly) => (FirstBlock, HeadOnly) = (firstBlock, headOnly);

    /// <summary>Every layer trains (the backbone at its own, lower rate).</summary>
    public static TrainableLayers All { get; } = new(null, headOnly: false);

    /// <summary>Only the new head trains: the pretrained network is a fixed feature extractor.</summary>
    public static TrainableLayers Head { get; } = new(null, headOnly: true);

    /// <summary>The head and every block from <paramref name="block"/> on; the blocks before it stay as pretrained.</summary>
    public static TrainableLayers From(string block)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(block);
        return new(block, headOnly: false);
    }

    /// <summary>The first block that trains, or null for <see cref="All"/> and <see cref="Head"/>.</summary>
    public string? FirstBlock { get; }

    /// <summary>True for <see cref="Head"/>.</summary>
    public bool HeadOnly { get; }

    /// <inheritdoc />
    public override string ToString() => HeadOnly ? "head" : FirstBlock is null ? "all" : $"from {FirstBlock}";
}
