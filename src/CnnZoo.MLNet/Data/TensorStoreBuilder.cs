using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Data;

/// <summary>
/// Fills a <see cref="TensorStore"/> one image at a time. Pixels are kept as uint8 while every value seen is an
/// integer in 0–255 (whether it arrived as bytes or floats); the first value outside that switches the whole
/// store to float32. Images go into native chunks of about 64 MiB, so no single allocation limits the store's size.
/// </summary>
public sealed class TensorStoreBuilder : IDisposable
{
    private const long TargetChunkBytes = 64L << 20;

    private readonly List<Tensor> _chunks = new();
    private readonly List<long> _labels = new();
    private readonly int _imagesPerChunk;
    private readonly int _elementsPerImage;
    private byte[] _scratchBytes = [];
    private float[] _scratchFloats = [];
    private int _filledInLastChunk;
    private bool _done;

    /// <summary>Starts an empty store for images of the given [C, H, W] shape.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive, or one image is too large to store.</exception>
    public TensorStoreBuilder(ImageShape shape)
    {
        shape.Validate(nameof(shape));
        // A chunk's bytes are read through a Span, which is limited to int.MaxValue bytes, also once promoted to float32.
        var maxImagesPerChunk = int.MaxValue / (shape.ElementCount * sizeof(float));
        if (maxImagesPerChunk < 1)
            throw new ArgumentOutOfRangeException(nameof(shape), shape, $"One {shape} image is too large for the in-memory store (at most {int.MaxValue / sizeof(float)} values).");
        Shape = shape;
        _elementsPerImage = (int)shape.ElementCount;
        _imagesPerChunk = (int)Math.Clamp(TargetChunkBytes / shape.ElementCount, 1, maxImagesPerChunk);
    }

    /// <summary>The [C, H, W] shape every image must have.</summary>
    public ImageShape Shape { get; }

    /// <summary>Images added so far.</summary>
    public long Count => _labels.Count;

    /// <summary>Element type the pixels are stored in so far: <see cref="ScalarType.Byte"/> or <see cref="ScalarType.Float32"/>.</summary>
    public ScalarType PixelType { get; private set; } = ScalarType.Byte;

    /// <summary>Adds an 8-bit image (planar CHW) with its class index.</summary>
    /// <exception cref="ArgumentException">The image does not have C·H·W values, or the label is negative.</exception>
    public void Add(ReadOnlySpan<byte> pixels, long label)
    {
        CheckAdd(pixels.Length, label);
        if (PixelType == ScalarType.Byte)
        {
            Append(pixels, label);
            return;
        }
        var floats = Scratch(ref _scratchFloats);
        for (var i = 0; i < pixels.Length; i++) floats[i] = pixels[i];
        Append(MemoryMarshal.AsBytes(floats.AsSpan()), label);
    }

    /// <summary>Adds a float image (planar CHW) with its class index; stored as uint8 as long as all values so far are integers in 0–255.</summary>
    /// <exception cref="ArgumentException">The image does not have C·H·W values, or the label is negative.</exception>
    public void Add(ReadOnlySpan<float> pixels, long label)
    {
        CheckAdd(pixels.Length, label);
        if (PixelType == ScalarType.Byte && IsEightBit(pixels))
        {
            var bytes = Scratch(ref _scratchBytes);
            for (var i = 0; i < pixels.Length; i++) bytes[i] = (byte)pixels[i];
            Append(bytes, label);
            return;
        }
        if (PixelType == ScalarType.Byte) PromoteToFloat();
        Append(MemoryMarshal.AsBytes(pixels), label);
    }

    /// <summary>Adds an image already in the store's element type (used when copying between stores).</summary>
    internal void AddRaw(ReadOnlySpan<byte> imageBytes, ScalarType pixelType, long label)
    {
        if (pixelType == ScalarType.Byte) Add(imageBytes, label);
        else Add(MemoryMarshal.Cast<byte, float>(imageBytes), label);
    }

    /// <summary>Hands the images to a new <see cref="TensorStore"/>; the builder is empty and unusable afterwards.</summary>
    /// <exception cref="InvalidOperationException">No image was added, or the builder was already built.</exception>
    public TensorStore Build()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (_labels.Count == 0) throw new InvalidOperationException("A TensorStore needs at least one image; none was added.");
        if (_filledInLastChunk < _imagesPerChunk)
        {
            // Trim the spare capacity of the last chunk.
            var last = _chunks[^1];
            using (var view = last.narrow(0, 0, _filledInLastChunk))
                _chunks[^1] = view.clone().DetachFromDisposeScope();
            last.Dispose();
        }
        _done = true;
        return new TensorStore(Shape, PixelType, _chunks.ToList(), _imagesPerChunk, _labels.ToArray());
    }

    /// <summary>Frees the images unless <see cref="Build"/> handed them on.</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        foreach (var chunk in _chunks) chunk.Dispose();
        _chunks.Clear();
    }

    private static bool IsEightBit(ReadOnlySpan<float> pixels)
    {
        foreach (var value in pixels)
        {
            if (!(value >= 0 && value <= 255 && value == MathF.Floor(value))) return false;
        }
        return true;
    }

    private void CheckAdd(int length, long label)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (length != _elementsPerImage)
            throw new ArgumentException($"An image of shape {Shape} has {_elementsPerImage} values; got {length}.", "pixels");
        ArgumentOutOfRangeException.ThrowIfNegative(label);
    }

    private T[] Scratch<T>(ref T[] buffer)
    {
        if (buffer.Length != _elementsPerImage) buffer = new T[_elementsPerImage];
        return buffer;
    }

    private void Append(ReadOnlySpan<byte> imageBytes, long label)
    {
        if (_chunks.Count == 0 || _filledInLastChunk == _imagesPerChunk)
        {
            _chunks.Add(empty(Shape.BatchDimensions(_imagesPerChunk), PixelType).DetachFromDisposeScope());
            _filledInLastChunk = 0;
        }
        imageBytes.CopyTo(_chunks[^1].bytes.Slice(_filledInLastChunk * imageBytes.Length, imageBytes.Length));
        _filledInLastChunk++;
        _labels.Add(label);
    }

    private void PromoteToFloat()
    {
        for (var i = 0; i < _chunks.Count; i++)
        {
            var bytes = _chunks[i];
            _chunks[i] = bytes.to_type(ScalarType.Float32).DetachFromDisposeScope();
            bytes.Dispose();
        }
        PixelType = ScalarType.Float32;
    }
}
