using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Random box per image, then one bilinear <c>grid_sample</c> for the whole batch with a per-image grid over its box.
/// The grid reproduces crop-then-<c>interpolate(bilinear, align_corners=false)</c>: half-pixel sample centres,
/// clamped to the box's edge pixels so nothing outside the box bleeds in. Unlike torchvision there is no
/// antialiasing when a box shrinks a lot.
/// </summary>
internal static class RandomResizedCropKernel
{
    public static Tensor Apply(Tensor batch, RandomResizedCropOp op, torch.Generator generator)
    {
        long n = batch.shape[0], height = batch.shape[2], width = batch.shape[3];
        var sizes = RandomBoxes.Sample(n, height, width, op.Scale, op.Ratio, mayFillImage: true, generator);
        var (fallbackHeight, fallbackWidth) = CentralFallback(height, width, op.Ratio);

        var found = sizes.Found;
        var boxHeight = torch.where(found, sizes.Height, Scalar(fallbackHeight, found));
        var boxWidth = torch.where(found, sizes.Width, Scalar(fallbackWidth, found));
        var (randomTop, randomLeft) = RandomBoxes.Place(boxHeight, boxWidth, height, width, generator);
        var top = torch.where(found, randomTop, Scalar((height - fallbackHeight) / 2, found));
        var left = torch.where(found, randomLeft, Scalar((width - fallbackWidth) / 2, found));

        var ys = SampleCoordinates(top, boxHeight, height, op.Size);
        var xs = SampleCoordinates(left, boxWidth, width, op.Size);
        var grid = torch.stack([xs.view(n, 1, op.Size).expand(n, op.Size, op.Size), ys.view(n, op.Size, 1).expand(n, op.Size, op.Size)], -1);
        return nn.functional.grid_sample(batch, grid.to(batch.dtype, batch.device), GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false);
    }

    /// <summary>
    /// Where each of <paramref name="outputs"/> output pixels reads along one axis, per image [N, outputs], normalised
    /// to grid_sample's [-1, 1]: <c>start + (k + ½)·extent/outputs − ½</c> in pixels, clamped to [start, start + extent − 1].
    /// </summary>
    internal static Tensor SampleCoordinates(Tensor start, Tensor extent, long imageLength, long outputs)
    {
        var centres = torch.arange(outputs, ScalarType.Float64, start.device).add_(0.5).unsqueeze(0);
        var first = start.unsqueeze(1);
        var last = (start + extent - 1).unsqueeze(1);
        var pixels = first + centres * (extent / outputs).unsqueeze(1) - 0.5;
        var clamped = torch.minimum(torch.maximum(pixels, first), last);
        return (clamped + 0.5) * (2.0 / imageLength) - 1;
    }

    /// <summary>
    /// torchvision's fallback after ten misses: the largest central box whose ratio is clamped into range (never
    /// thinner than one pixel, where torchvision would fail on an extreme ratio).
    /// </summary>
    private static (long Height, long Width) CentralFallback(long height, long width, (double Min, double Max) ratio)
    {
        var imageRatio = (double)width / height;
        if (imageRatio < ratio.Min)
        {
            return (Math.Max(1, (long)Math.Round(width / ratio.Min, MidpointRounding.ToEven)), width);
        }

        if (imageRatio > ratio.Max)
        {
            return (height, Math.Max(1, (long)Math.Round(height * ratio.Max, MidpointRounding.ToEven)));
        }

        return (height, width);
    }

    private static Tensor Scalar(long value, Tensor like) => torch.tensor((double)value, ScalarType.Float64, like.device);
}
