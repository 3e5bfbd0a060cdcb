using System.Text.Json;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// With probability <see cref="P"/>, sets a random rectangle of each image (all channels) to <see cref="Value"/>
/// (torchvision's <c>RandomErasing</c>, Zhong et al. 2017): area a <see cref="Scale"/> fraction of the image, aspect
/// ratio height/width log-uniform in <see cref="Ratio"/>. As in torchvision, ten tries are made per image and the
/// image is left alone when none fits.
/// </summary>
public sealed record RandomErasingOp : AugmentationOp
{
    /// <summary>torchvision's default area range, (0.02, 0.33).</summary>
    public static readonly (double Min, double Max) DefaultScale = (0.02, 0.33);

    /// <summary>torchvision's default aspect-ratio range, (0.3, 3.3).</summary>
    public static readonly (double Min, double Max) DefaultRatio = (0.3, 3.3);

    /// <summary>Creates the op, validating every argument.</summary>
    /// <param name="p">Probability that an image gets a rectangle erased, in [0, 1].</param>
    /// <param name="scale">Range of the rectangle's area as a fraction of the image, 0 &lt; min ≤ max ≤ 1; null for <see cref="DefaultScale"/>.</param>
    /// <param name="ratio">Range of the rectangle's height/width, 0 &lt; min ≤ max; null for <see cref="DefaultRatio"/>.</param>
    /// <param name="value">The fill value, in the batch's scale (0 is black for raw pixels).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its allowed range.</exception>
    public RandomErasingOp(double p = 0.5, (double Min, double Max)? scale = null, (double Min, double Max)? ratio = null, float value = 0)
    {
        P = ArgumentRanges.Probability(p, nameof(p));
        Scale = ArgumentRanges.PositiveRange(scale ?? DefaultScale, 1.0, nameof(scale));
        Ratio = ArgumentRanges.PositiveRange(ratio ?? DefaultRatio, null, nameof(ratio));
        Value = ArgumentRanges.Finite(value, nameof(value));
    }

    /// <summary>Probability that an image gets a rectangle erased.</summary>
    public double P { get; }

    /// <summary>Range of the rectangle's area as a fraction of the image area.</summary>
    public (double Min, double Max) Scale { get; }

    /// <summary>Range of the rectangle's aspect ratio, height/width.</summary>
    public (double Min, double Max) Ratio { get; }

    /// <summary>The fill value.</summary>
    public float Value { get; }

    /// <inheritdoc/>
    public override string Name => "RandomErasing";

    internal override Tensor Apply(Tensor batch, torch.Generator generator) => RandomErasingKernel.Apply(batch, this, generator);

    internal override void WriteJsonArguments(Utf8JsonWriter writer)
    {
        writer.WriteNumber("p", P);
        JsonOpWriter.WriteRange(writer, "scale", Scale);
        JsonOpWriter.WriteRange(writer, "ratio", Ratio);
        writer.WriteNumber("value", Value);
    }

    internal static RandomErasingOp ReadJson(JsonOpReader reader) =>
        new(reader.Double("p", 0.5), reader.Range("scale", DefaultScale), reader.Range("ratio", DefaultRatio), (float)reader.Double("value", 0));
}
