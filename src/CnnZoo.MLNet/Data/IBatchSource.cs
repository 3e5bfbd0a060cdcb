using static TorchSharp.torch;

namespace CnnZoo.MLNet.Data;

/// <summary>
/// Labelled images that the training engine can read in mini-batches, one pass per epoch.
/// <see cref="TensorStore"/> keeps everything in memory; a streaming source re-reads its data each pass.
/// </summary>
public interface IBatchSource
{
    /// <summary>Number of labelled images one pass yields (the engine plans the schedule's steps per epoch from it).</summary>
    long Count { get; }

    /// <summary>The [C, H, W] shape of every image.</summary>
    ImageShape ChannelsHeightWidth { get; }

    /// <summary>
    /// One pass over the data in batches of <paramref name="batchSize"/> (the last may be smaller).
    /// The caller owns every yielded <see cref="Batch"/> and must dispose it; disposing the enumerator early
    /// stops any background reading. Call it, and iterate, on one thread.
    /// </summary>
    /// <param name="batchSize">Images per batch, at least 1.</param>
    /// <param name="shuffle">Visit the images in a random order (drawn from <paramref name="generator"/>).</param>
    /// <param name="generator">
    /// Source of the order when shuffling; <c>null</c> uses torch's global generator. Implementations draw from it
    /// only on the calling thread, so that a seeded generator gives the same order every time.
    /// </param>
    /// <param name="device">Device the batch tensors are placed on.</param>
    IEnumerable<Batch> Batches(int batchSize, bool shuffle, Generator? generator, Device device);
}
