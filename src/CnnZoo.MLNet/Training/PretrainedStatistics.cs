using CnnZoo.Architectures.Weights;
using CnnZoo.MLNet.Data;

namespace CnnZoo.MLNet.Training;

/// <summary>The input normalisation pretrained weights declare, as the statistics of a model with the data's channels.</summary>
internal static class PretrainedStatistics
{
    /// <summary>The declared normalisation (a grey model takes the channels' average); null when the weights declare none.</summary>
    /// <exception cref="ArgumentException">The weights expect another channel count than the data's and it is not 3 → 1.</exception>
    public static ChannelStatistics? For(PretrainedWeights pretrained, int channels)
    {
        if (pretrained.Normalization is not { } n) return null;
        if (n.Mean.Count == channels) return new ChannelStatistics(n.Mean, n.Std);
        if (channels == 1) return new ChannelStatistics([n.Mean.Average()], [n.Std.Average()]);
        throw new ArgumentException($"{pretrained.Description} expect {n.Mean.Count}-channel input but the data has {channels} channel(s).", "Pretrained");
    }
}
