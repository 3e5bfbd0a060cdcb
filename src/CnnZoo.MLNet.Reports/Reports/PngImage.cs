using CnnZoo.Architectures.Analysis;

namespace CnnZoo.MLNet.Reports;

/// <summary>A PNG picture (a chart, an image grid) that displays itself as an inline <c>&lt;img&gt;</c> in HTML reports and notebooks.</summary>
public sealed class PngImage : IHtmlReport
{
    /// <summary>Wraps encoded PNG bytes.</summary>
    public PngImage(byte[] bytes, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 8 || bytes[0] != 0x89 || bytes[1] != (byte)'P' || bytes[2] != (byte)'N' || bytes[3] != (byte)'G')
            throw new ArgumentException("The bytes are not a PNG file.", nameof(bytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        (Bytes, Width, Height) = (bytes, width, height);
    }

    /// <summary>The encoded PNG file.</summary>
    public byte[] Bytes { get; }
    /// <summary>Width in pixels.</summary>
    public int Width { get; }
    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The image as a <c>data:image/png;base64,…</c> URI.</summary>
    public string ToDataUri() => "data:image/png;base64," + Convert.ToBase64String(Bytes);

    /// <summary>An <c>&lt;img&gt;</c> element holding the picture inline.</summary>
    public string ToHtml() => $"<img src=\"{ToDataUri()}\" width=\"{Width}\" height=\"{Height}\" />";

    /// <summary>Writes the PNG file.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllBytes(path, Bytes);
    }
}
