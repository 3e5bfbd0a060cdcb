namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Fluent list of augmentation ops, e.g. <c>a =&gt; a.RandomCrop(32, padding: 4).HorizontalFlip()</c>. Ops run in the
/// order they are added. Arguments are checked when the op is added (<see cref="ArgumentOutOfRangeException"/>
/// naming the argument and its allowed range).
/// </summary>
public sealed class AugmentationBuilder
{
    private readonly List<AugmentationOp> ops = [];

    /// <summary>Pads each side, then crops a random <paramref name="size"/>×<paramref name="size"/> window per image. See <see cref="RandomCropOp"/>.</summary>
    /// <param name="size">Side of the square output, ≥ 1.</param>
    /// <param name="padding">Pixels added on each side first, ≥ 0.</param>
    /// <param name="paddingMode">How the padding is filled.</param>
    /// <returns>This builder.</returns>
    public AugmentationBuilder RandomCrop(int size, int padding = 0, PaddingMode paddingMode = PaddingMode.Constant) =>
        Add(new RandomCropOp(size, padding, paddingMode));

    /// <summary>Crops a random area and aspect ratio and resizes it to <paramref name="size"/>×<paramref name="size"/>. See <see cref="RandomResizedCropOp"/>.</summary>
    /// <param name="size">Side of the square output, ≥ 1.</param>
    /// <param name="scale">Area fraction range, 0 &lt; min ≤ max ≤ 1; null for (0.08, 1).</param>
    /// <param name="ratio">Width/height range, 0 &lt; min ≤ max; null for (3/4, 4/3).</param>
    /// <returns>This builder.</returns>
    public AugmentationBuilder RandomResizedCrop(int size, (double Min, double Max)? scale = null, (double Min, double Max)? ratio = null) =>
        Add(new RandomResizedCropOp(size, scale, ratio));

    /// <summary>Mirrors each image left-right with probability <paramref name="p"/>.</summary>
    /// <param name="p">Probability in [0, 1].</param>
    /// <returns>This builder.</returns>
    public AugmentationBuilder HorizontalFlip(double p = 0.5) => Add(new HorizontalFlipOp(p));

    /// <summary>Mirrors each image top-bottom with probability <paramref name="p"/>.</summary>
    /// <param name="p">Probability in [0, 1].</param>
    /// <returns>This builder.</returns>
    public AugmentationBuilder VerticalFlip(double p = 0.5) => Add(new VerticalFlipOp(p));

    /// <summary>Random rotation, shift and zoom per image. See <see cref="RandomAffineOp"/>.</summary>
    /// <param name="degrees">Largest rotation either way, in [0, 180].</param>
    /// <param name="translate">Largest shift as a fraction of the image size, in [0, 1).</param>
    /// <param name="scale">Zoom range, 0 &lt; min ≤ max; null for none.</param>
    /// <returns>This builder.</returns>
    public AugmentationBuilder RandomAffine(double degrees = 0, double translate = 0, (double Min, double Max)? scale = null) =>
        Add(new RandomAffineOp(degrees, translate, scale));

    /// <summary>Random rotation per image, uniform in ±<paramref name="degrees"/>: a <see cref="RandomAffineOp"/> that only rotates.</summary>
    /// <param name="degrees">Largest rotation either way, in [0, 180].</param>
    /// <returns>This builder.</returns>
    public AugmentationBuilder RandomRotation(double degrees) => RandomAffine(degrees: degrees);

    /// <summary>Random whole-pixel shift per image, up to <paramref name="fraction"/> of the width and height: a <see cref="RandomAffineOp"/> that only translates.</summary>
    /// <param name="fraction">Largest shift as a fraction of the image size, in [0, 1).</param>
    /// <returns>This builder.</returns>
    public AugmentationBuilder RandomTranslation(double fraction) => RandomAffine(translate: fraction);

    /// <summary>Random brightness, contrast and saturation per image, in the batch's own value scale. See <see cref="ColorJitterOp"/>.</summary>
    /// <param name="brightness">Brightness jitter ≥ 0.</param>
    /// <param name="contrast">Contrast jitter ≥ 0.</param>
    /// <param name="saturation">Saturation jitter ≥ 0 (RGB only).</param>
    /// <returns>This builder.</returns>
    public AugmentationBuilder ColorJitter(double brightness = 0, double contrast = 0, double saturation = 0) =>
        Add(new ColorJitterOp(brightness, contrast, saturation));

    /// <summary>With probability <paramref name="p"/>, fills a random rectangle of each image with <paramref name="value"/>. See <see cref="RandomErasingOp"/>.</summary>
    /// <param name="p">Probability in [0, 1].</param>
    /// <param name="scale">Area fraction range, 0 &lt; min ≤ max ≤ 1; null for (0.02, 0.33).</param>
    /// <param name="ratio">Height/width range, 0 &lt; min ≤ max; null for (0.3, 3.3).</param>
    /// <param name="value">Fill value in the batch's scale.</param>
    /// <returns>This builder.</returns>
    public AugmentationBuilder RandomErasing(double p = 0.5, (double Min, double Max)? scale = null, (double Min, double Max)? ratio = null, float value = 0) =>
        Add(new RandomErasingOp(p, scale, ratio, value));

    /// <summary>Appends an op built elsewhere.</summary>
    /// <param name="op">The op.</param>
    /// <returns>This builder.</returns>
    public AugmentationBuilder Add(AugmentationOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        ops.Add(op);
        return this;
    }

    /// <summary>The policy of the ops added so far; later additions do not change it.</summary>
    /// <returns>The policy.</returns>
    public AugmentationPolicy Build() => new(ops);
}
