using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Per-image brightness, contrast and saturation factors. Without clamping the three adjustments are linear and
/// commute (the grey of a grey image is itself, and a brightness factor scales the mean too), so unlike torchvision
/// there is no need to shuffle their order.
/// </summary>
internal static class ColorJitterKernel
{
    // ITU-R 601 luma weights, as torchvision's rgb_to_grayscale.
    private static readonly float[] LumaWeights = [0.2989f, 0.587f, 0.114f];

    public static Tensor Apply(Tensor batch, ColorJitterOp op, torch.Generator generator)
    {
        var x = batch;
        if (op.Brightness > 0)
        {
            x = x * Factors(batch, op.Brightness, generator);
        }

        if (op.Contrast > 0)
        {
            var factor = Factors(batch, op.Contrast, generator);
            var meanGrey = Grey(x).mean([1, 2, 3], keepdim: true);
            x = x * factor + meanGrey * (1 - factor);
        }

        if (op.Saturation > 0 && IsRgb(batch))
        {
            var factor = Factors(batch, op.Saturation, generator);
            x = x * factor + Grey(x) * (1 - factor);
        }

        return x;
    }

    /// <summary>One factor per image, uniform in [max(0, 1 − amount), 1 + amount], shaped [N, 1, 1, 1] to broadcast.</summary>
    private static Tensor Factors(Tensor batch, double amount, torch.Generator generator) =>
        RandomDraws.Uniform(batch.shape[0], Math.Max(0, 1 - amount), 1 + amount, generator)
            .to(batch.dtype, batch.device)
            .view(-1, 1, 1, 1);

    /// <summary>Per-pixel grey [N, 1, H, W]: luma for RGB, the channel mean otherwise (the image itself for one channel).</summary>
    private static Tensor Grey(Tensor x) =>
        IsRgb(x)
            ? (x * torch.tensor(LumaWeights, [1, 3, 1, 1], x.dtype, x.device)).sum(1, keepdim: true)
            : x.mean([1], keepdim: true);

    private static bool IsRgb(Tensor x) => x.shape[1] == 3;
}
