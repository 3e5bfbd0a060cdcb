namespace CnnZoo.MLNet.Images;

/// <summary>An opaque colour that transparent pixels are composited on.</summary>
/// <param name="R">Red, 0–255.</param>
/// <param name="G">Green, 0–255.</param>
/// <param name="B">Blue, 0–255.</param>
public readonly record struct BackgroundColor(byte R, byte G, byte B)
{
    /// <summary>White: how image viewers and web pages show transparent product cut-outs, logos and clip art.</summary>
    public static BackgroundColor White { get; } = new(255, 255, 255);

    /// <summary>Black: what ML.NET's <c>ExtractPixels</c> makes of fully transparent pixels.</summary>
    public static BackgroundColor Black { get; } = new(0, 0, 0);

    /// <inheritdoc />
    public override string ToString() => $"#{R:X2}{G:X2}{B:X2}";
}
