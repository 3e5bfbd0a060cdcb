namespace CnnZoo.MLNet.Training;

/// <summary>
/// The random streams of one epoch, all derived from (seed, epoch) alone: torch's global generators (dropout) are
/// re-seeded, and two fresh CPU generators drive the shuffling and the augmentation. Because nothing carries over
/// from earlier epochs, a run resumed at epoch k draws exactly what an uninterrupted run draws there.
/// </summary>
internal sealed class EpochRandomness : IDisposable
{
    private EpochRandomness(torch.Generator shuffle, torch.Generator augmentation)
    {
        Shuffle = shuffle;
        Augmentation = augmentation;
    }

    /// <summary>Orders the training images.</summary>
    public torch.Generator Shuffle { get; }

    /// <summary>Handed to the augmentation (a CPU generator: TorchSharp 0.107 creates no device generators).</summary>
    public torch.Generator Augmentation { get; }

    public static EpochRandomness For(int seed, int epoch)
    {
        var global = Derive(seed, epoch, stream: 0);
        using (torch.random.manual_seed(global)) { }
        if (torch.cuda.is_available()) torch.cuda.manual_seed_all(global);
        return new EpochRandomness(
            new torch.Generator((ulong)Derive(seed, epoch, stream: 1)),
            new torch.Generator((ulong)Derive(seed, epoch, stream: 2)));
    }

    public void Dispose()
    {
        Shuffle.Dispose();
        Augmentation.Dispose();
    }

    /// <summary>SplitMix64 of the inputs: well-spread, non-negative seeds that differ for every (seed, epoch, stream).</summary>
    internal static long Derive(int seed, int epoch, int stream)
    {
        var z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)epoch * 0xBF58476D1CE4E5B9UL + (ulong)(uint)stream * 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (long)(z & long.MaxValue);
    }
}
