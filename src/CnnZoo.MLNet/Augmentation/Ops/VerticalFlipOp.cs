namespace CnnZoo.MLNet.Augmentation;

/// <summary>Mirrors each image top-bottom with probability <see cref="FlipOp.P"/> (torchvision's <c>RandomVerticalFlip</c>).</summary>
public sealed record VerticalFlipOp : FlipOp
{
    /// <summary>Creates the op.</summary>
    /// <param name="p">Probability that an image is flipped, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public VerticalFlipOp(double p = DefaultP) : base(p, FlipKernel.HeightDim) { }

    /// <inheritdoc/>
    public override string Name => "VerticalFlip";

    internal static VerticalFlipOp ReadJson(JsonOpReader reader) => new(ReadP(reader));
}
