using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Data;

/// <summary>Thrown when one row's image cannot be used; the message names the column, the row and the problem.</summary>
public sealed class InvalidImageException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads one row's image from a cursor into a planar [C, H, W] float buffer in the source's scale (0–255 for 8-bit
/// sources), validating it: finite values, the expected size (no silent resize of mismatched vectors or Image columns),
/// decodable bytes. Encoded images are decoded and resized to the model's size.
/// </summary>
internal sealed class ImageRowReader
{
    private readonly ImageColumnInfo _info;
    private readonly ValueGetter<VBuffer<float>>? _floats;
    private readonly ValueGetter<VBuffer<byte>>? _bytes;
    private readonly ValueGetter<MLImage>? _image;
    private VBuffer<float> _floatBuffer;
    private VBuffer<byte> _byteBuffer;
    private MLImage? _imageBuffer;

    public ImageRowReader(DataViewRow row, ImageColumnInfo info)
    {
        _info = info;
        var column = row.Schema[info.Name];
        switch (info.Kind)
        {
            case ImageColumnKind.FloatPixels: _floats = row.GetGetter<VBuffer<float>>(column); break;
            case ImageColumnKind.BytePixels or ImageColumnKind.EncodedImage: _bytes = row.GetGetter<VBuffer<byte>>(column); break;
            case ImageColumnKind.Image: _image = row.GetGetter<MLImage>(column); break;
        }
    }

    /// <summary>True when the source's values are 8-bit (bytes or decoded images), so a uint8 store loses nothing.</summary>
    public bool IsEightBit => _info.Kind != ImageColumnKind.FloatPixels;

    /// <summary>Fills <paramref name="destination"/> (length C·H·W) with the current row's image; <paramref name="rowIndex"/> is for messages.</summary>
    public void Read(Span<float> destination, long rowIndex)
    {
        switch (_info.Kind)
        {
            case ImageColumnKind.FloatPixels:
                _floats!(ref _floatBuffer);
                CheckLength(_floatBuffer.Length, rowIndex);
                if (_floatBuffer.IsDense && !_info.Interleaved)
                {
                    var dense = _floatBuffer.GetValues();
                    CheckFinite(dense, rowIndex);
                    dense.CopyTo(destination);
                    break;
                }
                var i = 0;
                foreach (var v in _floatBuffer.DenseValues())
                {
                    if (!float.IsFinite(v)) ThrowNonFinite(v, i, rowIndex);
                    destination[PlanarIndex(i++)] = v;
                }
                break;
            case ImageColumnKind.BytePixels:
                _bytes!(ref _byteBuffer);
                CheckLength(_byteBuffer.Length, rowIndex);
                if (_byteBuffer.IsDense && !_info.Interleaved)
                {
                    PixelBytes.ToSingles(_byteBuffer.GetValues(), destination);
                    break;
                }
                var j = 0;
                foreach (var b in _byteBuffer.DenseValues()) destination[PlanarIndex(j++)] = b;
                break;
            case ImageColumnKind.Image:
                _image!(ref _imageBuffer!);
                if (_imageBuffer is null)
                    throw new InvalidImageException($"Row {rowIndex} of column '{_info.Name}' has no image (the file could not be loaded).");
                if (_imageBuffer.Height != _info.Height || _imageBuffer.Width != _info.Width)
                    throw new InvalidImageException($"Row {rowIndex} of column '{_info.Name}' is a {_imageBuffer.Width}×{_imageBuffer.Height} image but the model takes {_info.Width}×{_info.Height}; add ResizeImages({_info.Width}, {_info.Height}) to the pipeline.");
                ImagePixels.ToPlanar(_imageBuffer, _info.Channels, destination);
                break;
            case ImageColumnKind.EncodedImage:
                _bytes!(ref _byteBuffer);
                var encoded = _byteBuffer.DenseValues().ToArray();
                if (encoded.Length == 0)
                    throw new InvalidImageException($"Row {rowIndex} of column '{_info.Name}' has no image bytes (empty or unreadable file).");
                MLImage decoded;
                try { decoded = MLImage.CreateFromStream(new MemoryStream(encoded, writable: false)); }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or NotSupportedException)
                {
                    throw new InvalidImageException($"Row {rowIndex} of column '{_info.Name}': the {encoded.Length} bytes are not a decodable image ({ex.Message}).", ex);
                }
                using (decoded) ImagePixels.ToPlanarResized(decoded, _info.Channels, _info.Height, _info.Width, destination);
                break;
        }
    }

    private void CheckFinite(ReadOnlySpan<float> values, long rowIndex)
    {
        // Fast path: a NaN or infinity anywhere makes the (vectorised) sum non-finite; only then scan for the culprit
        // (a finite sum can't hide one; a huge but finite image that overflows the sum just takes the slow scan).
        if (float.IsFinite(VectorSum(values))) return;
        for (var i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i])) ThrowNonFinite(values[i], i, rowIndex);
    }

    private static float VectorSum(ReadOnlySpan<float> values)
    {
        var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(values);
        var acc = System.Numerics.Vector<float>.Zero;
        foreach (var v in vectors) acc += v;
        var sum = System.Numerics.Vector.Sum(acc);
        for (var i = vectors.Length * System.Numerics.Vector<float>.Count; i < values.Length; i++) sum += values[i];
        return sum;
    }

    private void ThrowNonFinite(float value, int index, long rowIndex) =>
        throw new InvalidImageException($"Row {rowIndex} of column '{_info.Name}' has a non-finite pixel ({value}) at index {index}; pixels must be finite numbers.");

    private void CheckLength(int length, long rowIndex)
    {
        if (length != _info.Length)
            throw new InvalidImageException($"Row {rowIndex} of column '{_info.Name}' has {length} values; expected {_info.Length} ({_info.ShapeText}).");
    }

    // Interleaved [H, W, C] source index → planar [C, H, W] destination index.
    private int PlanarIndex(int sourceIndex)
    {
        if (!_info.Interleaved) return sourceIndex;
        var c = sourceIndex % _info.Channels;
        var hw = sourceIndex / _info.Channels;
        return c * _info.Height * _info.Width + hw;
    }
}

/// <summary>MLImage pixels → planar float RGB (or grey), optionally resized with libtorch's antialiased bilinear filter.</summary>
internal static class ImagePixels
{
    public static void ToPlanar(MLImage image, int channels, Span<float> destination)
    {
        var (r, g, b) = image.PixelFormat == MLPixelFormat.Rgba32 ? (0, 1, 2) : (2, 1, 0);
        var pixels = image.Pixels;
        var count = image.Width * image.Height;
        for (var p = 0; p < count; p++)
        {
            var o = p * 4;
            if (channels == 1)
                destination[p] = 0.299f * pixels[o + r] + 0.587f * pixels[o + g] + 0.114f * pixels[o + b]; // ITU-R 601 luma, as PIL's "L"
            else
            {
                destination[p] = pixels[o + r];
                destination[count + p] = pixels[o + g];
                destination[2 * count + p] = pixels[o + b];
            }
        }
    }

    public static void ToPlanarResized(MLImage image, int channels, int height, int width, Span<float> destination)
    {
        if (image.Height == height && image.Width == width)
        {
            ToPlanar(image, channels, destination);
            return;
        }
        var source = new float[channels * image.Width * image.Height];
        ToPlanar(image, channels, source);
        using var scope = NewDisposeScope();
        var resized = nn.functional.interpolate(tensor(source).view(1, channels, image.Height, image.Width), [height, width],
            mode: InterpolationMode.Bilinear, align_corners: false, antialias: true);
        resized.data<float>().CopyTo(destination);
    }
}
