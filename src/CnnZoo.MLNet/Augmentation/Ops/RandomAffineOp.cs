using System.Text.Json;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Rotates, scales and translates each image about its centre by its own random amounts (torchvision's
/// <c>RandomAffine(degrees, translate, scale)</c>): angle uniform in ±<see cref="Degrees"/> (positive is
/// counter-clockwise), shift uniform in ±<see cref="Translate"/>·width and ±<see cref="Translate"/>·height rounded to
/// whole pixels, zoom uniform in <see cref="Scale"/>. Bilinear sampling; pixels from outside the image are 0.
/// The output has the input's size.
/// </summary>
public sealed record RandomAffineOp : AugmentationOp
{
    /// <summary>Creates the op, validating every argument.</summary>
    /// <param name="degrees">Largest rotation in degrees, in [0, 180].</param>
    /// <param name="translate">Largest shift as a fraction of the image size, in [0, 1).</param>
    /// <param name="scale">Zoom range, 0 &lt; min ≤ max; null for no zoom.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its allowed range.</exception>
    public RandomAffineOp(double degrees = 0, double translate = 0, (double Min, double Max)? scale = null)
    {
        Degrees = ArgumentRanges.InClosed(degrees, 0, 180, nameof(degrees));
        Translate = ArgumentRanges.InHalfOpen(translate, 0, 1, nameof(translate));
        Scale = scale is null ? null : ArgumentRanges.PositiveRange(scale.Value, null, nameof(scale));
    }

    /// <summary>Largest rotation in degrees either way.</summary>
    public double Degrees { get; }

    /// <summary>Largest shift as a fraction of the image width (horizontal) and height (vertical).</summary>
    public double Translate { get; }

    /// <summary>Zoom range, or null for none.</summary>
    public (double Min, double Max)? Scale { get; }

    /// <inheritdoc/>
    public override string Name => "RandomAffine";

    internal override Tensor Apply(Tensor batch, torch.Generator generator) => RandomAffineKernel.Apply(batch, this, generator);

    internal override void WriteJsonArguments(Utf8JsonWriter writer)
    {
        writer.WriteNumber("degrees", Degrees);
        writer.WriteNumber("translate", Translate);
        if (Scale is { } scale)
        {
            JsonOpWriter.WriteRange(writer, "scale", scale);
        }
        else
        {
            writer.WriteNull("scale");
        }
    }

    internal static RandomAffineOp ReadJson(JsonOpReader reader) =>
        new(reader.Double("degrees", 0), reader.Double("translate", 0), reader.OptionalRange("scale"));
}
