namespace CnnZoo.MLNet.Data;

/// <summary>The shape of one image as the model sees it: channels, height and width (planar CHW).</summary>
/// <param name="Channels">Colour planes (1 for grey, 3 for RGB).</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Width">Width in pixels.</param>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Values per image, C·H·W.</summary>
    public long ElementCount => (long)Channels * Height * Width;

    /// <summary>The shape of a batch of <paramref name="count"/> such images, [count, C, H, W].</summary>
    public long[] BatchDimensions(long count) => [count, Channels, Height, Width];

    /// <summary>Throws when a dimension is not positive, naming the parameter.</summary>
    internal void Validate(string paramName)
    {
        if (Channels < 1 || Height < 1 || Width < 1)
            throw new ArgumentOutOfRangeException(paramName, this, $"Every image dimension must be at least 1; got {this}.");
    }

    /// <summary>"3×32×32".</summary>
    public override string ToString() => $"{Channels}×{Height}×{Width}";
}
