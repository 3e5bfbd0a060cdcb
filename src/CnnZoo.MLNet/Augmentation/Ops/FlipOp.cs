using System.Text.Json;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Mirrors each image along one spatial axis with probability <see cref="P"/>. <see cref="HorizontalFlipOp"/> and
/// <see cref="VerticalFlipOp"/> choose the axis; everything else (argument, kernel, JSON) is this one op's.
/// </summary>
public abstract record FlipOp : AugmentationOp
{
    /// <summary>The flip probability a policy gets when it names none.</summary>
    private protected const double DefaultP = 0.5;

    /// <summary>Dimension of [N, C, H, W] the images are mirrored along.</summary>
    private readonly int _dim;

    private protected FlipOp(double p, int dim)
    {
        P = ArgumentRanges.Probability(p, nameof(p));
        _dim = dim;
    }

    /// <summary>Probability that an image is flipped.</summary>
    public double P { get; }

    internal override Tensor Apply(Tensor batch, torch.Generator generator) => FlipKernel.Apply(batch, P, _dim, generator);

    internal override void WriteJsonArguments(Utf8JsonWriter writer) => writer.WriteNumber("p", P);

    /// <summary>The <c>"p"</c> argument of a flip in the policy JSON.</summary>
    private protected static double ReadP(JsonOpReader reader) => reader.Double("p", DefaultP);
}
