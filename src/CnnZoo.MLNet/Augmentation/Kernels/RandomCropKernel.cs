using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Pad, then cut a window at a per-image offset. The window is gathered with index tensors (rows, then columns), so
/// the pixels are copied exactly and the whole batch is one pair of <c>gather</c> calls.
/// </summary>
internal static class RandomCropKernel
{
    public static Tensor Apply(Tensor batch, RandomCropOp op, torch.Generator generator)
    {
        var padded = op.Padding == 0 ? batch : Pad(batch, op.Padding, op.PaddingMode);
        long n = padded.shape[0], channels = padded.shape[1], height = padded.shape[2], width = padded.shape[3];
        long size = op.Size;

        var top = Offsets(n, height - size + 1, batch.device, generator);
        var left = Offsets(n, width - size + 1, batch.device, generator);
        var window = torch.arange(size, ScalarType.Int64, batch.device);

        var rows = (top.unsqueeze(1) + window).view(n, 1, size, 1).expand(n, channels, size, width);
        var band = padded.gather(2, rows);
        var columns = (left.unsqueeze(1) + window).view(n, 1, 1, size).expand(n, channels, size, size);
        return band.gather(3, columns);
    }

    private static Tensor Pad(Tensor batch, int padding, PaddingMode mode)
    {
        var torchMode = mode switch
        {
            PaddingMode.Constant => PaddingModes.Constant,
            PaddingMode.Edge => PaddingModes.Replicate,
            PaddingMode.Reflect => PaddingModes.Reflect,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown padding mode."),
        };
        return nn.functional.pad(batch, [padding, padding, padding, padding], torchMode, 0);
    }

    private static Tensor Offsets(long count, long positions, Device device, torch.Generator generator) =>
        RandomDraws.IntegerBelow(torch.full([count], positions, ScalarType.Float64), generator).to(ScalarType.Int64, device);
}
