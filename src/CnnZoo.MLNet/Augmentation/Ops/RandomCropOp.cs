using System.Text.Json;
using static System.FormattableString;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Pads every side by <see cref="Padding"/> pixels, then cuts a <see cref="Size"/>×<see cref="Size"/> window at a
/// random position per image (torchvision's <c>RandomCrop(size, padding, padding_mode=...)</c>). The CIFAR recipe is
/// <c>RandomCrop(32, padding: 4)</c>.
/// </summary>
public sealed record RandomCropOp : AugmentationOp
{
    /// <summary>Creates the op, validating every argument.</summary>
    /// <param name="size">Side of the square output, ≥ 1.</param>
    /// <param name="padding">Pixels added on each side before cropping, ≥ 0.</param>
    /// <param name="paddingMode">How the padding is filled.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its allowed range.</exception>
    public RandomCropOp(int size, int padding = 0, PaddingMode paddingMode = PaddingMode.Constant)
    {
        Size = ArgumentRanges.AtLeast(size, 1, nameof(size));
        Padding = ArgumentRanges.AtLeast(padding, 0, nameof(padding));
        PaddingMode = Enum.IsDefined(paddingMode)
            ? paddingMode
            : throw new ArgumentOutOfRangeException(nameof(paddingMode), paddingMode, $"{nameof(paddingMode)} must be one of {string.Join(", ", Enum.GetNames<PaddingMode>())}; got {(int)paddingMode}.");
    }

    /// <summary>Side of the square output in pixels.</summary>
    public int Size { get; }

    /// <summary>Pixels added on each side before cropping.</summary>
    public int Padding { get; }

    /// <summary>How the padding is filled.</summary>
    public PaddingMode PaddingMode { get; }

    /// <inheritdoc/>
    public override string Name => "RandomCrop";

    /// <inheritdoc/>
    public override (int Height, int Width) OutputSize(int height, int width)
    {
        if (PaddingMode == PaddingMode.Reflect && (Padding >= height || Padding >= width))
        {
            throw new ArgumentException(Invariant($"RandomCrop with reflect padding {Padding} needs an input larger than the padding; got {height}×{width}."));
        }

        if (height + 2 * Padding < Size || width + 2 * Padding < Size)
        {
            throw new ArgumentException(Invariant($"RandomCrop(size: {Size}, padding: {Padding}) needs an input of at least {Size - 2 * Padding}×{Size - 2 * Padding}; got {height}×{width}."));
        }

        return (Size, Size);
    }

    internal override Tensor Apply(Tensor batch, torch.Generator generator) => RandomCropKernel.Apply(batch, this, generator);

    internal override void WriteJsonArguments(Utf8JsonWriter writer)
    {
        writer.WriteNumber("size", Size);
        writer.WriteNumber("padding", Padding);
        writer.WriteString("paddingMode", PaddingModeNames.ToJson(PaddingMode));
    }

    internal static RandomCropOp ReadJson(JsonOpReader reader) =>
        new(reader.Int("size"), reader.Int("padding", 0), PaddingModeNames.FromJson(reader.String("paddingMode", "constant"), "paddingMode"));
}
