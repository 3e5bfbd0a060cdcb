using System.Runtime.InteropServices;

namespace CnnZoo.MLNet.Data;

public sealed partial class TensorStore
{
    /// <summary>
    /// Per-channel mean and population standard deviation over every image, in the raw pixel scale, accumulated in
    /// float64 (exactly in integers for 8-bit pixels). Chunks are summed in parallel and combined in order, so the
    /// result does not depend on thread timing.
    /// </summary>
    public ChannelStatistics ComputeChannelStatistics()
    {
        using var lease = AcquireReader();
        var chunkCount = _chunks.Count;
        var partial = new ChannelStatisticsAccumulator[chunkCount];
        Parallel.For(0, chunkCount, c =>
        {
            var accumulator = new ChannelStatisticsAccumulator(ChannelsHeightWidth);
            var first = (long)c * _imagesPerChunk;
            var last = Math.Min(first + _imagesPerChunk, Count);
            var image = new byte[BytesPerImage];
            for (var i = first; i < last; i++)
            {
                CopyImageBytes(i, image);
                if (IsEightBit) accumulator.Add(image);
                else accumulator.Add(MemoryMarshal.Cast<byte, float>(image.AsSpan()));
            }
            partial[c] = accumulator;
        });
        var total = new ChannelStatisticsAccumulator(ChannelsHeightWidth);
        foreach (var accumulator in partial) total.Merge(accumulator);
        return total.ToStatistics();
    }
}
