using Microsoft.ML;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Data;

/// <summary>
/// Training data larger than memory: every pass re-reads the IDataView's cursor and never holds more than a shuffle
/// window (<see cref="WindowBatches"/> batches) of images. Shuffling permutes each window with the seeded generator, so
/// the order is reproducible; it is local to the window, which is the usual trade-off of streamed training.
/// </summary>
internal sealed class StreamingBatchSource : IBatchSource
{
    public const int WindowBatches = 16;

    private readonly IDataView _data;
    private readonly string _labelColumn;
    private readonly ImageColumnInfo _input;
    private readonly bool _skipInvalidImages;

    private StreamingBatchSource(IDataView data, string labelColumn, ImageColumnInfo input, bool skipInvalidImages, long count, ChannelStatistics statistics)
    {
        (_data, _labelColumn, _input, _skipInvalidImages, Count, Statistics) = (data, labelColumn, input, skipInvalidImages, count, statistics);
    }

    public long Count { get; }
    public ImageShape ChannelsHeightWidth => new(_input.Channels, _input.Height, _input.Width);

    /// <summary>Per-channel mean/std from the first pass (they become the model's normalisation).</summary>
    public ChannelStatistics Statistics { get; }

    /// <summary>Makes one validating pass (counting rows and gathering statistics) and returns the source.</summary>
    public static StreamingBatchSource Open(IDataView data, string labelColumn, ImageColumnInfo input, bool skipInvalidImages, CancellationToken cancellation, string what = "training")
    {
        var statistics = new ChannelStatisticsAccumulator(new ImageShape(input.Channels, input.Height, input.Width));
        long count = 0;
        foreach (var _ in Rows(data, labelColumn, input, skipInvalidImages, cancellation, (pixels, _) => statistics.Add(pixels))) count++;
        if (count == 0) throw new InvalidOperationException($"The {what} data has no rows.");
        return new StreamingBatchSource(data, labelColumn, input, skipInvalidImages, count, statistics.ToStatistics());
    }

    public IEnumerable<Batch> Batches(int batchSize, bool shuffle, Generator? generator, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var window = shuffle ? batchSize * WindowBatches : batchSize;
        var pixels = new List<float[]>(window);
        var labels = new List<long>(window);
        foreach (var (image, label) in Rows(_data, _labelColumn, _input, _skipInvalidImages, CancellationToken.None, null))
        {
            pixels.Add(image);
            labels.Add(label);
            if (pixels.Count < window) continue;
            foreach (var batch in Emit(pixels, labels, batchSize, shuffle, generator, device)) yield return batch;
            pixels.Clear();
            labels.Clear();
        }
        foreach (var batch in Emit(pixels, labels, batchSize, shuffle, generator, device)) yield return batch;
    }

    private IEnumerable<Batch> Emit(List<float[]> pixels, List<long> labels, int batchSize, bool shuffle, Generator? generator, Device device)
    {
        if (pixels.Count == 0) yield break;
        long[] order;
        using (var permutation = shuffle ? randperm(pixels.Count, generator: generator) : arange(pixels.Count))
            order = permutation.data<long>().ToArray();
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var count = Math.Min(batchSize, order.Length - start);
            var buffer = new float[count * _input.Length];
            var batchLabels = new long[count];
            for (var i = 0; i < count; i++)
            {
                pixels[(int)order[start + i]].CopyTo(buffer, i * _input.Length);
                batchLabels[i] = labels[(int)order[start + i]];
            }
            using var scope = NewDisposeScope();
            yield return new Batch(tensor(buffer, [count, _input.Channels, _input.Height, _input.Width]).to(device), tensor(batchLabels).to(device));
        }
    }

    private static IEnumerable<(float[] Pixels, long Label)> Rows(IDataView data, string labelColumn, ImageColumnInfo input, bool skipInvalidImages, CancellationToken cancellation, Action<float[], long>? observe)
    {
        using var cursor = data.GetRowCursor([data.Schema[labelColumn], data.Schema[input.Name]]);
        var images = new ImageRowReader(cursor, input);
        var labels = LabelReader.For(cursor, labelColumn);
        while (cursor.MoveNext())
        {
            if ((cursor.Position & 1023) == 0) cancellation.ThrowIfCancellationRequested();
            var label = labels.Read(cursor.Position);
            var pixels = new float[input.Length];
            try { images.Read(pixels, cursor.Position); }
            catch (InvalidImageException) when (skipInvalidImages) { continue; }
            observe?.Invoke(pixels, label);
            yield return (pixels, label);
        }
    }
}
