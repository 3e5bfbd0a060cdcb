using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Inference;

/// <summary>
/// PyTorch's <c>channels_last</c> memory format for TorchSharp, which has no <c>memory_format</c> argument: a tensor of
/// logical shape [N, C, H, W] whose storage is NHWC. libtorch recognises it by its strides and runs its NHWC kernels
/// (oneDNN convolutions, BatchNorm, pooling), whose outputs keep the layout.
/// </summary>
public static class ChannelsLast
{
    private static readonly Lazy<bool> Reliable = new(ProbeOneByOneConvolutions);

    /// <summary>
    /// Whether this machine's libtorch computes channels-last convolutions correctly, from a self-check run once per
    /// process. On an AMD EPYC VM that hides its cache sizes, TorchSharp 0.107's oneDNN, planning for 1-byte caches, gave a
    /// 1×1 convolution with 512 output channels on a 2×2 or 4×4 map (batch 2 or more) 40–55 % wrong in NHWC while NCHW
    /// was right; ResNet-18/34, VGG-C and GoogLeNet have such layers. CnnZoo gives oneDNN its default cache sizes on such
    /// CPUs (<c>OneDnnCacheSizes</c>), after which this check passes; it stays as the guard for CPUs nobody has checked.
    /// Where it fails, <see cref="CnnModel.UseLayout"/> resolves <see cref="MemoryLayout.Auto"/> to
    /// <see cref="MemoryLayout.ChannelsFirst"/>; an explicit <see cref="MemoryLayout.ChannelsLast"/> is still applied,
    /// at the caller's risk.
    /// </summary>
    public static bool IsReliable => Reliable.Value;

    // The failing shapes, in both layouts, against each other (NCHW is the reference: it matches a float64 einsum).
    private static bool ProbeOneByOneConvolutions()
    {
        TorchRuntime.EnsureAvailable(); // oneDNN's cache sizes are settled before its first convolution
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator(12345); // not the global generator: seeded runs must not change
        foreach (var (inChannels, size, stride) in new[] { (512, 4, 1), (256, 4, 2) })
        {
            var x = randn([2, inChannels, size, size], generator: generator);
            var weight = randn([512, inChannels, 1, 1], generator: generator).div_(Math.Sqrt(inChannels));
            var nchw = nn.functional.conv2d(x, weight, strides: [stride, stride]);
            var nhwc = nn.functional.conv2d(Of(x), Of(weight), strides: [stride, stride]);
            if ((nchw - nhwc).abs().max().item<float>() > 1e-4f * nchw.abs().max().item<float>()) return false;
        }
        return true;
    }

    /// <summary>
    /// True when <paramref name="tensor"/> is 4-D with NHWC strides (a dense, channels-last [N, C, H, W]). As in libtorch,
    /// the stride of a dimension of size 1 does not count: a one-channel image is both layouts at once.
    /// </summary>
    public static bool Is(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.ndim != 4) return false;
        var (shape, strides) = (tensor.shape, tensor.stride());
        var (c, h, w) = (shape[1], shape[2], shape[3]);
        long[] expected = [c * h * w, 1, c * w, c];
        return Enumerable.Range(0, 4).All(d => shape[d] == 1 || strides[d] == expected[d]);
    }

    /// <summary>
    /// <paramref name="tensor"/> [N, C, H, W] stored NHWC: a new tensor, unless it already is. Same values and shape.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not 4-D.</exception>
    public static Tensor Of(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.ndim != 4) throw new ArgumentException($"Channels-last applies to 4-D tensors [N, C, H, W]; got shape [{string.Join(", ", tensor.shape)}].", nameof(tensor));
        if (Is(tensor)) return tensor.alias();
        using var scope = NewDisposeScope();
        return tensor.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Moves every 4-D parameter and buffer of <paramref name="module"/> into <paramref name="layout"/> in place (values
    /// unchanged; the parameters stay the same objects, so optimisers and references to them keep working). Call before
    /// an optimiser is created: state it already holds keeps its old layout.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layout"/> is <see cref="MemoryLayout.Auto"/>: resolve it first.</exception>
    public static void Apply(nn.Module module, MemoryLayout layout)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (layout == MemoryLayout.Auto) throw new ArgumentOutOfRangeException(nameof(layout), layout, "Resolve Auto to a layout first (ModelSpec.PreferredLayout).");
        using var noGrad = no_grad();
        foreach (var tensor in module.parameters().Concat(module.buffers()).Where(t => t.ndim == 4))
        {
            if (Is(tensor) == (layout == MemoryLayout.ChannelsLast)) continue;
            using var scope = NewDisposeScope();
            // set_ points the tensor at the new storage and strides; the old storage is freed with its last reference.
            var relaid = layout == MemoryLayout.ChannelsLast ? Of(tensor) : tensor.contiguous();
            tensor.set_(relaid);
        }
    }
}
