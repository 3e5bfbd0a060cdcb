using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>Per-image random rectangle filled with a value, as one row mask × column mask and a <c>masked_fill</c>.</summary>
internal static class RandomErasingKernel
{
    public static Tensor Apply(Tensor batch, RandomErasingOp op, torch.Generator generator)
    {
        long n = batch.shape[0], height = batch.shape[2], width = batch.shape[3];
        var erase = RandomDraws.Bernoulli(n, op.P, generator);
        // The op's ratio is height/width (torchvision's convention for erasing); the box search takes width/height.
        var sizes = RandomBoxes.Sample(n, height, width, op.Scale, (1 / op.Ratio.Max, 1 / op.Ratio.Min), mayFillImage: false, generator);
        var (top, left) = RandomBoxes.Place(sizes.Height, sizes.Width, height, width, generator);
        erase = (erase & sizes.Found).to(batch.device);

        var rows = Span(top, sizes.Height, height, batch.device).view(n, 1, height, 1);
        var columns = Span(left, sizes.Width, width, batch.device).view(n, 1, 1, width);
        var mask = rows & columns & erase.view(n, 1, 1, 1);
        return batch.masked_fill(mask, op.Value);
    }

    /// <summary>[N, length] mask of the positions start ≤ i &lt; start + extent.</summary>
    private static Tensor Span(Tensor start, Tensor extent, long length, Device device)
    {
        var positions = torch.arange(length, ScalarType.Float64, device).unsqueeze(0);
        var first = start.to(device).unsqueeze(1);
        var end = (start + extent).to(device).unsqueeze(1);
        return (positions >= first) & (positions < end);
    }
}
