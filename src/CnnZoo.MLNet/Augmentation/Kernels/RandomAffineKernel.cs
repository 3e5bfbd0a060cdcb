using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>Per-image random rotation, shift and zoom through one <c>affine_grid</c>/<c>grid_sample</c> for the whole batch.</summary>
internal static class RandomAffineKernel
{
    public static Tensor Apply(Tensor batch, RandomAffineOp op, torch.Generator generator)
    {
        long n = batch.shape[0], height = batch.shape[2], width = batch.shape[3];
        var radians = RandomDraws.Uniform(n, -op.Degrees, op.Degrees, generator) * (Math.PI / 180);
        // torchvision rounds the shift to whole pixels, which keeps a pure shift free of interpolation blur.
        var shiftX = RandomDraws.Uniform(n, -op.Translate * width, op.Translate * width, generator).round_();
        var shiftY = RandomDraws.Uniform(n, -op.Translate * height, op.Translate * height, generator).round_();
        var zoom = op.Scale is { } scale ? RandomDraws.Uniform(n, scale.Min, scale.Max, generator) : torch.ones_like(radians);

        var theta = InverseMatrices(radians, shiftX, shiftY, zoom, height, width).to(batch.dtype, batch.device);
        var grid = nn.functional.affine_grid(theta, batch.shape, align_corners: false);
        return nn.functional.grid_sample(batch, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
    }

    /// <summary>
    /// The [N, 2, 3] matrices <c>affine_grid</c> wants: for each output pixel, where to read in the input, in
    /// coordinates normalised to [-1, 1]. The forward map in pixels about the centre (y down) is
    /// <c>out = zoom·R·in + shift</c> with <c>R = [[cos, sin], [−sin, cos]]</c>, which turns the picture
    /// counter-clockwise for positive angles as torchvision does; its inverse is <c>in = R⁻¹(out − shift)/zoom</c>,
    /// conjugated by the pixel→normalised scaling diag(2/W, 2/H) because the axes have different lengths.
    /// </summary>
    internal static Tensor InverseMatrices(Tensor radians, Tensor shiftX, Tensor shiftY, Tensor zoom, long height, long width)
    {
        var cos = radians.cos() / zoom;
        var sin = radians.sin() / zoom;
        // Inverse linear part in pixels: [[cos, −sin], [sin, cos]] / zoom.
        var a00 = cos;
        var a01 = -sin;
        var a10 = sin;
        var a11 = cos;
        var b0 = -(a00 * shiftX + a01 * shiftY);
        var b1 = -(a10 * shiftX + a11 * shiftY);

        var aspect = (double)height / width;
        var rowX = torch.stack([a00, a01 * aspect, b0 * (2.0 / width)], 1);
        var rowY = torch.stack([a10 / aspect, a11, b1 * (2.0 / height)], 1);
        return torch.stack([rowX, rowY], 1);
    }
}
