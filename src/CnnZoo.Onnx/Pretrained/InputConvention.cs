using static TorchSharp.torch;

namespace CnnZoo.Onnx.Pretrained;

/// <summary>
/// How pixels must be prepared for a pretrained network: the model takes <c>pixels · PixelScale − MeanImage</c> in
/// <see cref="ChannelOrder"/>, where pixels are 0–255 as ML.NET's <c>ExtractPixels</c> gives them (RGB, no scaling).
/// No division by a standard deviation follows.
/// </summary>
/// <remarks>
/// The mean is an image, not three numbers: it varies by up to about ±10 across the picture, so subtracting only
/// <see cref="ChannelMeans"/> changes the features. <see cref="Prepare"/> subtracts the image at its own size and falls
/// back to the per-channel means at any other size.
/// </remarks>
public sealed class InputConvention
{
    private readonly float[] meanImage;

    internal InputConvention(ChannelOrder channelOrder, float pixelScale, float[] meanImage, int meanImageSize)
    {
        ChannelOrder = channelOrder;
        PixelScale = pixelScale;
        this.meanImage = meanImage;
        MeanImageSize = meanImageSize;
        var plane = meanImageSize * meanImageSize;
        ChannelMeans = Enumerable.Range(0, 3).Select(c => (float)meanImage.AsSpan(c * plane, plane).ToArray().Average(v => (double)v)).ToArray();
    }

    /// <summary>The channel order the network's first convolution expects.</summary>
    public ChannelOrder ChannelOrder { get; }

    /// <summary>Factor applied to 0–255 pixels before the mean is subtracted (1: the network works on 0–255).</summary>
    public float PixelScale { get; }

    /// <summary>Side of the square mean image (224).</summary>
    public int MeanImageSize { get; }

    /// <summary>The mean image, planar [3, S, S] in <see cref="ChannelOrder"/>, scaled pixels.</summary>
    public ReadOnlyMemory<float> MeanImage => meanImage;

    /// <summary>The mean image's average per channel, in <see cref="ChannelOrder"/> (for BGR about 103.06, 115.90, 123.15).</summary>
    public IReadOnlyList<float> ChannelMeans { get; }

    /// <summary>
    /// Turns a batch of RGB pixels in 0–255, [N, 3, H, W], into the network's input: channels reordered, scaled, minus the
    /// mean image when H = W = <see cref="MeanImageSize"/>, else minus <see cref="ChannelMeans"/>. The result is a new
    /// tensor on the input's device, owned by the caller's dispose scope.
    /// </summary>
    public Tensor Prepare(Tensor rgbPixels)
    {
        ArgumentNullException.ThrowIfNull(rgbPixels);
        if (rgbPixels.dim() != 4 || rgbPixels.shape[1] != 3)
            throw new ArgumentException($"Expected RGB pixels [N, 3, H, W]; got [{string.Join(", ", rgbPixels.shape)}].", nameof(rgbPixels));
        using var scope = NewDisposeScope();
        var x = rgbPixels.to_type(ScalarType.Float32);
        if (ChannelOrder == ChannelOrder.Bgr) x = x.flip(1);
        if (PixelScale != 1f) x = x.mul(PixelScale);
        var (height, width) = (rgbPixels.shape[2], rgbPixels.shape[3]);
        var mean = height == MeanImageSize && width == MeanImageSize
            ? tensor(meanImage, [1, 3, MeanImageSize, MeanImageSize], device: x.device)
            : tensor(ChannelMeans.ToArray(), [1, 3, 1, 1], device: x.device);
        return x.sub(mean).MoveToOuterDisposeScope();
    }
}
