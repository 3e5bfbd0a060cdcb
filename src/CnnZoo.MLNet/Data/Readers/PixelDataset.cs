namespace CnnZoo.MLNet.Data.Readers;

/// <summary>
/// Decoded 8-bit images in planar CHW order, one after the other in a single byte array,
/// with a class index per image and the class names the indices refer to.
/// </summary>
internal sealed class PixelDataset
{
    public PixelDataset(int channels, int height, int width, byte[] pixels, uint[] labelIndices, IReadOnlyList<string> classNames)
    {
        (Channels, Height, Width) = (channels, height, width);
        (Pixels, LabelIndices, ClassNames) = (pixels, labelIndices, classNames);
        if ((long)labelIndices.Length * ImageSize != pixels.Length)
            throw new ArgumentException("The pixel buffer does not hold exactly one image per label.", nameof(pixels));
    }

    /// <summary>Colour planes per image (1 for grey, 3 for RGB).</summary>
    public int Channels { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Bytes per image: channels × height × width.</summary>
    public int ImageSize => Channels * Height * Width;

    /// <summary>All images, planar CHW, image after image.</summary>
    public byte[] Pixels { get; }

    /// <summary>The class index of each image, as stored in the source file.</summary>
    public uint[] LabelIndices { get; }

    /// <summary>Class names by class index.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The number of images.</summary>
    public int Count => LabelIndices.Length;

    /// <summary>The largest number of bytes a single dataset may hold (one .NET array).</summary>
    public static long MaxBytes => Array.MaxLength;
}
