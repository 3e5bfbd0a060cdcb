using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>Per-image random flips: one flipped copy of the batch, then a per-image choice with <c>where</c>.</summary>
internal static class FlipKernel
{
    /// <summary>Dimension of the height in [N, C, H, W].</summary>
    public const int HeightDim = 2;

    /// <summary>Dimension of the width in [N, C, H, W].</summary>
    public const int WidthDim = 3;

    public static Tensor Apply(Tensor batch, double p, long dim, torch.Generator generator)
    {
        var flip = RandomDraws.Bernoulli(batch.shape[0], p, generator).to(batch.device).view(-1, 1, 1, 1);
        return torch.where(flip, batch.flip(dim), batch);
    }
}
