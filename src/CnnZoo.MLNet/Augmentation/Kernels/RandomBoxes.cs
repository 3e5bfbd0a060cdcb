using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>Box sizes in pixels per image (float64 [N]), and whether any try fitted.</summary>
internal readonly record struct BoxSizes(Tensor Height, Tensor Width, Tensor Found);

/// <summary>
/// torchvision's box search shared by RandomResizedCrop and RandomErasing, vectorised: ten tries per image of a
/// random area and log-uniform aspect ratio, keeping the first try that fits, as torchvision's loop does.
/// </summary>
internal static class RandomBoxes
{
    private const int Tries = 10;

    /// <summary>Draws box sizes for <paramref name="count"/> images of <paramref name="height"/>×<paramref name="width"/>.</summary>
    /// <param name="count">Number of images.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="scale">Range of the box area as a fraction of the image area.</param>
    /// <param name="widthOverHeight">Range of the box's width/height.</param>
    /// <param name="mayFillImage">True when a box as large as the image fits (crops); false when it must be strictly smaller (erasing).</param>
    /// <param name="generator">Source of the draws.</param>
    public static BoxSizes Sample(long count, long height, long width, (double Min, double Max) scale, (double Min, double Max) widthOverHeight, bool mayFillImage, torch.Generator generator)
    {
        var area = RandomDraws.Uniform([count, Tries], scale.Min, scale.Max, generator) * (height * width);
        var aspect = RandomDraws.Uniform([count, Tries], Math.Log(widthOverHeight.Min), Math.Log(widthOverHeight.Max), generator).exp_();
        var boxWidth = (area * aspect).sqrt_().round_();
        var boxHeight = (area / aspect).sqrt_().round_();

        var fits = mayFillImage
            ? (boxWidth > 0) & (boxWidth <= width) & (boxHeight > 0) & (boxHeight <= height)
            : (boxWidth > 0) & (boxWidth < width) & (boxHeight > 0) & (boxHeight < height);

        // argmax returns the first maximal index, i.e. the first try that fits.
        var first = fits.to(ScalarType.Int32).argmax(1, keepdim: true);
        return new BoxSizes(boxHeight.gather(1, first).squeeze(1), boxWidth.gather(1, first).squeeze(1), fits.any(1));
    }

    /// <summary>A uniformly random top-left corner for each box so that it lies inside the image.</summary>
    public static (Tensor Top, Tensor Left) Place(Tensor boxHeight, Tensor boxWidth, long height, long width, torch.Generator generator)
    {
        // Boxes that did not fit are replaced or ignored by the caller; clamping keeps their draw well defined.
        var top = RandomDraws.IntegerBelow((height - boxHeight + 1).clamp_min(1), generator);
        var left = RandomDraws.IntegerBelow((width - boxWidth + 1).clamp_min(1), generator);
        return (top, left);
    }
}
