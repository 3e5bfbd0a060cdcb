using CnnZoo.MLNet.Data;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// <c>(x − mean) / std</c> per channel, with <c>mean</c> and <c>std</c> as persistent float32 buffers of shape [C]
/// (state_dict keys <c>mean</c> and <c>std</c>), so the statistics travel with the weights. Integer inputs
/// (uint8 pixels) are converted to float32 first.
/// </summary>
public sealed class ChannelNormalization : nn.Module<Tensor, Tensor>
{
    private readonly Tensor mean;
    private readonly Tensor std;

    /// <summary>Creates the layer on <paramref name="device"/>. A standard deviation of 0 (a constant channel) is stored as 1 so the division is defined.</summary>
    /// <exception cref="ArgumentException">The statistics are malformed (see <see cref="ChannelStatistics"/>).</exception>
    public ChannelNormalization(ChannelStatistics statistics, Device? device = null) : base(nameof(ChannelNormalization))
    {
        ArgumentNullException.ThrowIfNull(statistics);
        statistics.Validate(nameof(statistics));
        Channels = statistics.Channels;
        var safeStd = statistics.Std.Select(s => s > 0 ? (float)s : 1f).ToArray();
        mean = tensor(statistics.Mean.Select(m => (float)m).ToArray(), device: device).DetachFromDisposeScope();
        std = tensor(safeStd, device: device).DetachFromDisposeScope();
        register_buffer(nameof(mean), mean);
        register_buffer(nameof(std), std);
    }

    /// <summary>Number of channels it normalises.</summary>
    public int Channels { get; }

    /// <summary>
    /// True: the output is stored channels-last (NHWC), for a model whose weights are; the layout change is part of the
    /// pass that converts and normalises, so it costs no extra copy. Set by <see cref="NormalizedClassifier.UseLayout"/>.
    /// </summary>
    internal bool ChannelsLastOutput { get; set; }

    /// <summary>The current mean and std, read back from the buffers (after loading weights they are the loaded ones).</summary>
    public ChannelStatistics Statistics
    {
        get
        {
            using var scope = NewDisposeScope();
            return new ChannelStatistics(ToDoubles(mean), ToDoubles(std));
        }
    }

    /// <summary>Normalises a batch [N, C, H, W].</summary>
    /// <exception cref="ArgumentException">The input is not a batch of images with <see cref="Channels"/> channels.</exception>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.ndim != 4 || input.shape[1] != Channels)
            throw new ArgumentException($"Expected a batch of images [N, {Channels}, H, W]; got a tensor of shape [{string.Join(", ", input.shape)}].", nameof(input));
        using var scope = NewDisposeScope();
        if (ChannelsLastOutput) return NormalizeToChannelsLast(input).MoveToOuterDisposeScope();
        // Integer pixels minus the float32 mean promote to float32: the conversion is part of the subtraction's pass.
        var shape = new long[] { 1, Channels, 1, 1 };
        return input.sub(mean.view(shape)).div_(std.view(shape)).MoveToOuterDisposeScope();
    }

    // One strided copy into an NHWC float buffer (converting uint8 on the way), then the same arithmetic in place.
    private Tensor NormalizeToChannelsLast(Tensor input)
    {
        var (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3]);
        var nhwc = empty([n, h, w, c], ScalarType.Float32, input.device);
        nhwc.copy_(input.permute(0, 2, 3, 1));
        var shape = new long[] { 1, 1, 1, Channels };
        return nhwc.sub_(mean.view(shape)).div_(std.view(shape)).permute(0, 3, 1, 2);
    }

    private static double[] ToDoubles(Tensor values) =>
        values.cpu().to_type(ScalarType.Float64).data<double>().ToArray();
}
