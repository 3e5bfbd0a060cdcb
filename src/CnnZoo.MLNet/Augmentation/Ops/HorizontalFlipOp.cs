namespace CnnZoo.MLNet.Augmentation;

/// <summary>Mirrors each image left-right with probability <see cref="FlipOp.P"/> (torchvision's <c>RandomHorizontalFlip</c>).</summary>
public sealed record HorizontalFlipOp : FlipOp
{
    /// <summary>Creates the op.</summary>
    /// <param name="p">Probability that an image is flipped, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1].</exception>
    public HorizontalFlipOp(double p = DefaultP) : base(p, FlipKernel.WidthDim) { }

    /// <inheritdoc/>
    public override string Name => "HorizontalFlip";

    internal static HorizontalFlipOp ReadJson(JsonOpReader reader) => new(ReadP(reader));
}
