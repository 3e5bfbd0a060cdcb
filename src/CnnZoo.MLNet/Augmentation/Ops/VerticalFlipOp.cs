using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>Mirrors each image top-bottom with probability <see cref="P"/> (torchvision's <c>RandomVerticalFlip</c>).</summary>
public sealed record VerticalFlipOp : AugmentationOp
{
    /// <summary>Creates the op.</summary>
    /// <param name="p">Probability that an image is flipped, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public VerticalFlipOp(double p = 0.5) => P = ArgumentRanges.Probability(p, nameof(p));

    /// <summary>Probability that an image is flipped.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public override string Name => "VerticalFlip";

    internal override Tensor Apply(Tensor batch, torch.Generator generator) => FlipKernel.Apply(batch, P, FlipKernel.HeightDim, generator);

    internal override void WriteJsonArguments(Utf8JsonWriter writer) => writer.WriteNumber("p", P);

    internal static VerticalFlipOp ReadJson(JsonOpReader reader) => new(reader.Double("p", 0.5));
}
