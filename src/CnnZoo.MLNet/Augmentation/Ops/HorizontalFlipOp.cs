using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>Mirrors each image left-right with probability <see cref="P"/> (torchvision's <c>RandomHorizontalFlip</c>).</summary>
public sealed record HorizontalFlipOp : AugmentationOp
{
    /// <summary>Creates the op.</summary>
    /// <param name="p">Probability that an image is flipped, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public HorizontalFlipOp(double p = 0.5) => P = ArgumentRanges.Probability(p, nameof(p));

    /// <summary>Probability that an image is flipped.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public override string Name => "HorizontalFlip";

    internal override Tensor Apply(Tensor batch, torch.Generator generator) => FlipKernel.Apply(batch, P, FlipKernel.WidthDim, generator);

    internal override void WriteJsonArguments(Utf8JsonWriter writer) => writer.WriteNumber("p", P);

    internal static HorizontalFlipOp ReadJson(JsonOpReader reader) => new(reader.Double("p", 0.5));
}
