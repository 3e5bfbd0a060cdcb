using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Images;

/// <summary>
/// Composites an image's pixels on an opaque background by their alpha, then makes them opaque. <see cref="MLImage"/>
/// holds premultiplied colour (Skia decodes PNGs so, and ML.NET's <c>ExtractPixels</c> then reads a transparent pixel
/// as black): the result is <c>c·a + background·(1 − a)</c> = stored colour + background·(1 − a).
/// </summary>
internal static class AlphaCompositing
{
    public static MLImage OnBackground(MLImage image, BackgroundColor background)
    {
        var (red, blue) = image.PixelFormat switch
        {
            MLPixelFormat.Rgba32 => (0, 2),
            MLPixelFormat.Bgra32 => (2, 0),
            var other => throw new InvalidOperationException($"Images in pixel format {other} cannot be composited; expected 32-bit RGBA or BGRA."),
        };
        var pixels = image.Pixels.ToArray();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var alpha = pixels[i + 3];
            if (alpha == 255) continue;
            pixels[i + red] = Blend(pixels[i + red], background.R, alpha);
            pixels[i + 1] = Blend(pixels[i + 1], background.G, alpha);
            pixels[i + blue] = Blend(pixels[i + blue], background.B, alpha);
            pixels[i + 3] = 255;
        }
        return MLImage.CreateFromPixels(image.Width, image.Height, image.PixelFormat, pixels);
    }

    // The stored colour is already multiplied by alpha; add the background's share, rounded to nearest.
    private static byte Blend(byte premultiplied, byte background, byte alpha) => (byte)Math.Min(255, premultiplied + (background * (255 - alpha) + 127) / 255);
}
