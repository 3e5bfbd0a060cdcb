namespace CnnZoo.Architectures;

/// <summary>
/// How a model's 4-D tensors (convolution weights, feature maps) lie in memory. Values are the same either way; the
/// layout only changes which kernels libtorch runs, and so the speed.
/// </summary>
public enum MemoryLayout
{
    /// <summary>The layout measured faster for the architecture (<see cref="ModelSpec.PreferredLayout"/>).</summary>
    Auto,

    /// <summary>NCHW, libtorch's default: each channel's H×W plane is contiguous.</summary>
    ChannelsFirst,

    /// <summary>NHWC (PyTorch's <c>channels_last</c>): the C values of each pixel are contiguous; same logical shape [N, C, H, W].</summary>
    ChannelsLast,
}
