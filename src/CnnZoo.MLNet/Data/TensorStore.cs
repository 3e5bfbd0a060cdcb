using static TorchSharp.torch;

namespace CnnZoo.MLNet.Data;

/// <summary>
/// Labelled training images held in memory on the CPU: the pixels as uint8 when the source is 8-bit (every value an
/// integer in 0–255), else float32, in native chunks of planar [n, C, H, W] images; the class indices as int64.
/// <see cref="Batches"/> gathers each mini-batch on a background thread while the previous one trains.
/// Build one with <see cref="TensorStoreBuilder"/>, <see cref="FromBytes"/> or <see cref="FromFloats"/>; dispose it to free the memory.
/// </summary>
public sealed partial class TensorStore : IBatchSource, IDisposable
{
    private readonly List<Tensor> _chunks;
    private readonly int _imagesPerChunk;
    private readonly long[] _labels;
    private readonly Lock _gate = new();
    private int _activeReaders;
    private bool _disposeRequested, _disposed;

    internal TensorStore(ImageShape shape, ScalarType pixelType, List<Tensor> chunks, int imagesPerChunk, long[] labels)
    {
        ChannelsHeightWidth = shape;
        PixelType = pixelType;
        _chunks = chunks;
        _imagesPerChunk = imagesPerChunk;
        _labels = labels;
        BytesPerImage = checked((int)(shape.ElementCount * (pixelType == ScalarType.Byte ? 1 : sizeof(float))));
    }

    /// <inheritdoc />
    public long Count => _labels.LongLength;

    /// <inheritdoc />
    public ImageShape ChannelsHeightWidth { get; }

    /// <summary><see cref="ScalarType.Byte"/> (uint8) for 8-bit sources, otherwise <see cref="ScalarType.Float32"/>.</summary>
    public ScalarType PixelType { get; }

    /// <summary>True when the pixels are stored as uint8.</summary>
    public bool IsEightBit => PixelType == ScalarType.Byte;

    /// <summary>The class index of every image, in store order.</summary>
    public IReadOnlyList<long> Labels => _labels;

    /// <summary>Memory the pixels occupy, in bytes.</summary>
    public long PixelBytes => Count * BytesPerImage;

    internal int BytesPerImage { get; }

    /// <summary>A store of 8-bit images given as one planar array, image after image ([N, C, H, W]).</summary>
    /// <exception cref="ArgumentException">The pixel count is not labels × C·H·W, or a label is negative.</exception>
    public static TensorStore FromBytes(ReadOnlySpan<byte> pixels, ReadOnlySpan<long> labels, ImageShape shape)
    {
        using var builder = new TensorStoreBuilder(shape);
        var size = CheckWholeArray(pixels.Length, labels.Length, shape);
        for (var i = 0; i < labels.Length; i++) builder.Add(pixels.Slice(i * size, size), labels[i]);
        return builder.Build();
    }

    /// <summary>A store of float images given as one planar array ([N, C, H, W]); kept as uint8 when every value is an integer in 0–255.</summary>
    /// <exception cref="ArgumentException">The pixel count is not labels × C·H·W, or a label is negative.</exception>
    public static TensorStore FromFloats(ReadOnlySpan<float> pixels, ReadOnlySpan<long> labels, ImageShape shape)
    {
        using var builder = new TensorStoreBuilder(shape);
        var size = CheckWholeArray(pixels.Length, labels.Length, shape);
        for (var i = 0; i < labels.Length; i++) builder.Add(pixels.Slice(i * size, size), labels[i]);
        return builder.Build();
    }

    /// <summary>
    /// Copies the images at <paramref name="indices"/> into a new CPU tensor [k, C, H, W] of <see cref="PixelType"/>;
    /// the caller owns it.
    /// </summary>
    public Tensor GetImages(IReadOnlyList<long> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        using var reader = AcquireReader();
        var result = empty(ChannelsHeightWidth.BatchDimensions(indices.Count), PixelType);
        var bytes = result.bytes;
        for (var i = 0; i < indices.Count; i++) CopyImageBytes(CheckIndex(indices[i]), bytes.Slice(i * BytesPerImage, BytesPerImage));
        return result;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The order is drawn here, on the calling thread, with one <c>randperm</c> on <paramref name="generator"/>.
    /// A background task gathers the next batch into host memory while the caller works on the current one; the batch
    /// tensors themselves are created on the consumer's thread when it asks for them, so their ownership stays there.
    /// </remarks>
    public IEnumerable<Batch> Batches(int batchSize, bool shuffle, Generator? generator, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentNullException.ThrowIfNull(device);
        if (Math.Min(batchSize, Count) * (long)BytesPerImage > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"A batch of {batchSize} images of {BytesPerImage} bytes does not fit one host buffer; use a smaller batch size.");
        ObjectDisposedException.ThrowIf(_disposed || _disposeRequested, this);
        var order = shuffle ? RandomOrder(generator) : null;
        return new BatchPrefetcher(this, order, batchSize, device).Read();
    }

    /// <summary>
    /// Frees the pixel memory. If a batch enumeration is still running, the memory is freed when it ends.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposeRequested) return;
            _disposeRequested = true;
            if (_activeReaders > 0) return;
        }
        FreeChunks();
    }

    /// <summary>Keeps the pixel memory alive while the returned handle is undisposed (background readers hold one).</summary>
    internal IDisposable AcquireReader()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposeRequested, this);
            _activeReaders++;
        }
        return new ReaderLease(this);
    }

    /// <summary>Copies the raw bytes of image <paramref name="index"/> (in <see cref="PixelType"/>) into <paramref name="destination"/>. Thread-safe for readers.</summary>
    internal void CopyImageBytes(long index, Span<byte> destination)
    {
        var chunk = _chunks[(int)(index / _imagesPerChunk)];
        var offset = (int)(index % _imagesPerChunk) * BytesPerImage;
        chunk.bytes.Slice(offset, BytesPerImage).CopyTo(destination);
    }

    private long CheckIndex(long index) =>
        index >= 0 && index < Count ? index : throw new ArgumentOutOfRangeException(nameof(index), index, $"Image index must be in [0, {Count}); got {index}.");

    private long[] RandomOrder(Generator? generator)
    {
        using var permutation = randperm(Count, ScalarType.Int64, CPU, generator: generator);
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(permutation.bytes).ToArray();
    }

    private static int CheckWholeArray(int pixelCount, int labelCount, ImageShape shape)
    {
        shape.Validate(nameof(shape));
        if ((long)labelCount * shape.ElementCount != pixelCount)
            throw new ArgumentException($"{labelCount} images of shape {shape} need {labelCount * shape.ElementCount} values; got {pixelCount}.", "pixels");
        return (int)shape.ElementCount;
    }

    private void ReleaseReader()
    {
        lock (_gate)
        {
            _activeReaders--;
            if (_activeReaders > 0 || !_disposeRequested) return;
        }
        FreeChunks();
    }

    private void FreeChunks()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        foreach (var chunk in _chunks) chunk.Dispose();
        _chunks.Clear();
    }

    private sealed class ReaderLease(TensorStore store) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) store.ReleaseReader();
        }
    }
}
