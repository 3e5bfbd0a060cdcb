using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Data;

/// <summary>
/// One pass over a <see cref="TensorStore"/> with one batch read ahead. A thread-pool task copies the next batch's
/// images and labels into one of two reusable host buffers (plain managed memory, no tensors, so nothing native is
/// created off the consumer's thread); the consumer turns a filled buffer into device tensors when it asks for it.
/// </summary>
internal sealed class BatchPrefetcher(TensorStore store, long[]? order, int batchSize, Device device)
{
    private readonly long _batchCount = (store.Count + batchSize - 1) / batchSize;

    public IEnumerable<Batch> Read()
    {
        // Holding a lease keeps the store's memory alive until the background copy and this pass are over.
        using var lease = store.AcquireReader();
        var capacity = (int)Math.Min(batchSize, store.Count);
        HostBuffer[] buffers = [new(capacity, store.BytesPerImage), new(capacity, store.BytesPerImage)];
        var pending = StartFilling(0, buffers[0]);
        try
        {
            for (long b = 0; b < _batchCount; b++)
            {
                var filled = pending!.GetAwaiter().GetResult();
                pending = b + 1 < _batchCount ? StartFilling(b + 1, buffers[(b + 1) % 2]) : null;
                yield return ToBatch(filled);
            }
        }
        finally
        {
            // The copy must not outlive the pass: the store may be disposed right after it.
            WaitQuietly(pending);
        }
    }

    private Task<HostBuffer> StartFilling(long batchIndex, HostBuffer buffer) => Task.Run(() => Fill(batchIndex, buffer));

    private HostBuffer Fill(long batchIndex, HostBuffer buffer)
    {
        var start = batchIndex * batchSize;
        buffer.Count = (int)Math.Min(batchSize, store.Count - start);
        var imageBytes = store.BytesPerImage;
        for (var i = 0; i < buffer.Count; i++)
        {
            var index = order?[start + i] ?? start + i;
            store.CopyImageBytes(index, buffer.Images.AsSpan(i * imageBytes, imageBytes));
            buffer.Labels[i] = store.Labels[(int)index];
        }
        return buffer;
    }

    private Batch ToBatch(HostBuffer filled)
    {
        using var scope = NewDisposeScope();
        var hostImages = empty(store.ChannelsHeightWidth.BatchDimensions(filled.Count), store.PixelType);
        filled.Images.AsSpan(0, filled.Count * store.BytesPerImage).CopyTo(hostImages.bytes);
        var hostLabels = empty([filled.Count], ScalarType.Int64);
        MemoryMarshal.AsBytes(filled.Labels.AsSpan(0, filled.Count)).CopyTo(hostLabels.bytes);
        // Move first, convert second: 8-bit pixels cross to the device at a quarter of the float size. On the CPU both
        // steps are skipped where they would be no-ops (each is still a native call per batch).
        var onDevice = device.type == DeviceType.CPU ? (hostImages, hostLabels) : (hostImages.to(device), hostLabels.to(device));
        var images = onDevice.Item1.dtype == ScalarType.Float32 ? onDevice.Item1 : onDevice.Item1.to_type(ScalarType.Float32);
        return new Batch(images, onDevice.Item2);
    }

    private static void WaitQuietly(Task? task)
    {
        if (task is null) return;
        try { task.Wait(); }
        catch (AggregateException) { } // the pass is already ending; the first failure was (or will be) reported
    }

    private sealed class HostBuffer(int capacity, int bytesPerImage)
    {
        public byte[] Images { get; } = new byte[(long)capacity * bytesPerImage];
        public long[] Labels { get; } = new long[capacity];
        public int Count { get; set; }
    }
}
