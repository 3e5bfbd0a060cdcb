namespace CnnZoo.MLNet.Data;

/// <summary>
/// Per-channel mean and standard deviation of a data set, in the data's raw scale (0–255 for 8-bit images),
/// as used to normalise the model's input: <c>(x − mean) / std</c>.
/// </summary>
/// <param name="Mean">Mean per channel.</param>
/// <param name="Std">Population standard deviation per channel.</param>
public sealed record ChannelStatistics(IReadOnlyList<double> Mean, IReadOnlyList<double> Std)
{
    /// <summary>Number of channels.</summary>
    public int Channels => Mean.Count;

    /// <summary>Mean 0 and standard deviation 1 for every channel: normalisation that changes nothing.</summary>
    public static ChannelStatistics Identity(int channels)
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be at least 1.");
        return new(Enumerable.Repeat(0.0, channels).ToArray(), Enumerable.Repeat(1.0, channels).ToArray());
    }

    /// <summary>
    /// The ImageNet RGB statistics torchvision's pretrained weights expect (mean 0.485/0.456/0.406, std 0.229/0.224/0.225),
    /// scaled to 0–255 pixels.
    /// </summary>
    public static ChannelStatistics ImageNet { get; } = new(
        new[] { 0.485 * 255, 0.456 * 255, 0.406 * 255 },
        new[] { 0.229 * 255, 0.224 * 255, 0.225 * 255 });

    /// <summary>Throws when the lists are empty, differ in length, or hold a non-finite mean or a negative or non-finite std.</summary>
    internal void Validate(string paramName)
    {
        if (Mean.Count == 0 || Mean.Count != Std.Count)
            throw new ArgumentException($"Channel statistics need one mean and one std per channel; got {Mean.Count} mean(s) and {Std.Count} std(s).", paramName);
        for (var c = 0; c < Mean.Count; c++)
        {
            if (!double.IsFinite(Mean[c]) || !double.IsFinite(Std[c]) || Std[c] < 0)
                throw new ArgumentException($"Channel {c} has mean {Mean[c]} and std {Std[c]}; both must be finite and the std non-negative.", paramName);
        }
    }
}
