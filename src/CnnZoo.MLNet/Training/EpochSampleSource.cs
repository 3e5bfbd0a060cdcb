using CnnZoo.MLNet.Data;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// The first <see cref="Count"/> images of each pass over another source (<see cref="TrainingSettings.ImagesPerEpoch"/>):
/// over a shuffled source, a different random subset every epoch, drawn by the same seeded generator as the order, so a
/// resumed run trains on the same subsets. The last batch is cut to size, so an epoch trains exactly that many images.
/// </summary>
internal sealed class EpochSampleSource : IBatchSource
{
    private readonly IBatchSource _source;

    public EpochSampleSource(IBatchSource source, long images)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(images, 1);
        _source = source;
        Count = Math.Min(images, source.Count);
    }

    /// <summary>The images one pass yields: the asked number, or all of the source's when it has fewer.</summary>
    public long Count { get; }

    public ImageShape ChannelsHeightWidth => _source.ChannelsHeightWidth;

    /// <summary>The source's pass, stopped (which stops its background reading) once <see cref="Count"/> images were yielded.</summary>
    public IEnumerable<Batch> Batches(int batchSize, bool shuffle, Generator? generator, Device device)
    {
        var left = Count;
        foreach (var batch in _source.Batches(batchSize, shuffle, generator, device))
        {
            if (batch.Count <= left)
            {
                left -= batch.Count;
                yield return batch;
            }
            else
            {
                var part = (int)left;
                left = 0;
                // The views keep the storage alive after the full batch's handles are freed.
                var cut = new Batch(batch.Images.narrow(0, 0, part), batch.Labels.narrow(0, 0, part));
                batch.Dispose();
                yield return cut;
            }
            if (left == 0) yield break;
        }
    }
}
