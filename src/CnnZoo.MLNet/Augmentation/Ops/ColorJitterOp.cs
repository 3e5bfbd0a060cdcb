using System.Text.Json;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Random brightness, contrast and saturation per image, in the batch's own value scale (torchvision's
/// <c>ColorJitter</c> without hue). Each factor is uniform in [max(0, 1 − x), 1 + x]: brightness multiplies the
/// pixels, contrast blends each image with its mean grey level, saturation blends each pixel with its grey value
/// (three-channel RGB images only; a no-op otherwise). No clamping, since the value range is not known.
/// </summary>
public sealed record ColorJitterOp : AugmentationOp
{
    /// <summary>Creates the op, validating every argument.</summary>
    /// <param name="brightness">Brightness jitter, finite and ≥ 0; 0 leaves brightness alone.</param>
    /// <param name="contrast">Contrast jitter, finite and ≥ 0; 0 leaves contrast alone.</param>
    /// <param name="saturation">Saturation jitter, finite and ≥ 0; 0 leaves saturation alone.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its allowed range.</exception>
    public ColorJitterOp(double brightness = 0, double contrast = 0, double saturation = 0)
    {
        Brightness = ArgumentRanges.NonNegative(brightness, nameof(brightness));
        Contrast = ArgumentRanges.NonNegative(contrast, nameof(contrast));
        Saturation = ArgumentRanges.NonNegative(saturation, nameof(saturation));
    }

    /// <summary>Brightness jitter: factor in [max(0, 1 − b), 1 + b].</summary>
    public double Brightness { get; }

    /// <summary>Contrast jitter: factor in [max(0, 1 − c), 1 + c].</summary>
    public double Contrast { get; }

    /// <summary>Saturation jitter: factor in [max(0, 1 − s), 1 + s].</summary>
    public double Saturation { get; }

    /// <inheritdoc/>
    public override string Name => "ColorJitter";

    internal override Tensor Apply(Tensor batch, torch.Generator generator) => ColorJitterKernel.Apply(batch, this, generator);

    internal override void WriteJsonArguments(Utf8JsonWriter writer)
    {
        writer.WriteNumber("brightness", Brightness);
        writer.WriteNumber("contrast", Contrast);
        writer.WriteNumber("saturation", Saturation);
    }

    internal static ColorJitterOp ReadJson(JsonOpReader reader) =>
        new(reader.Double("brightness", 0), reader.Double("contrast", 0), reader.Double("saturation", 0));
}
