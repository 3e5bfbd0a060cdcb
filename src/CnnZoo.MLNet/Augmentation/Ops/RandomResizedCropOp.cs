using System.Text.Json;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Cuts a box of random area (a <see cref="Scale"/> fraction of the image) and aspect ratio (width/height in
/// <see cref="Ratio"/>, log-uniform) from each image and resizes it bilinearly to <see cref="Size"/>×<see cref="Size"/>
/// (torchvision's <c>RandomResizedCrop</c>, the ImageNet recipe of GoogLeNet and ResNet). As in torchvision, ten tries
/// are made per image and a central crop is the fallback.
/// </summary>
public sealed record RandomResizedCropOp : AugmentationOp
{
    /// <summary>torchvision's default area range, (0.08, 1).</summary>
    public static readonly (double Min, double Max) DefaultScale = (0.08, 1.0);

    /// <summary>torchvision's default aspect-ratio range, (3/4, 4/3).</summary>
    public static readonly (double Min, double Max) DefaultRatio = (3.0 / 4.0, 4.0 / 3.0);

    /// <summary>Creates the op, validating every argument.</summary>
    /// <param name="size">Side of the square output, ≥ 1.</param>
    /// <param name="scale">Range of the box's area as a fraction of the image, 0 &lt; min ≤ max ≤ 1; null for <see cref="DefaultScale"/>.</param>
    /// <param name="ratio">Range of the box's width/height, 0 &lt; min ≤ max; null for <see cref="DefaultRatio"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its allowed range.</exception>
    public RandomResizedCropOp(int size, (double Min, double Max)? scale = null, (double Min, double Max)? ratio = null)
    {
        Size = ArgumentRanges.AtLeast(size, 1, nameof(size));
        Scale = ArgumentRanges.PositiveRange(scale ?? DefaultScale, 1.0, nameof(scale));
        Ratio = ArgumentRanges.PositiveRange(ratio ?? DefaultRatio, null, nameof(ratio));
    }

    /// <summary>Side of the square output in pixels.</summary>
    public int Size { get; }

    /// <summary>Range of the box's area as a fraction of the image area.</summary>
    public (double Min, double Max) Scale { get; }

    /// <summary>Range of the box's aspect ratio, width/height.</summary>
    public (double Min, double Max) Ratio { get; }

    /// <inheritdoc/>
    public override string Name => "RandomResizedCrop";

    /// <inheritdoc/>
    public override (int Height, int Width) OutputSize(int height, int width) => (Size, Size);

    internal override Tensor Apply(Tensor batch, torch.Generator generator) => RandomResizedCropKernel.Apply(batch, this, generator);

    internal override void WriteJsonArguments(Utf8JsonWriter writer)
    {
        writer.WriteNumber("size", Size);
        JsonOpWriter.WriteRange(writer, "scale", Scale);
        JsonOpWriter.WriteRange(writer, "ratio", Ratio);
    }

    internal static RandomResizedCropOp ReadJson(JsonOpReader reader) =>
        new(reader.Int("size"), reader.Range("scale", DefaultScale), reader.Range("ratio", DefaultRatio));
}
