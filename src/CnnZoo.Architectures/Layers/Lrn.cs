using static TorchSharp.torch;

namespace CnnZoo.Architectures.Layers;

/// <summary>
/// Local response normalisation with the papers' constants. AlexNet (and VGG A-LRN, ZFNet, which copy it) write
/// <c>b = a / (k + α·Σa²)^β</c> with n=5, α=1e-4, β=0.75, k=2; PyTorch/TorchSharp divide α by n, so the paper's α
/// becomes <c>alpha: 5e-4</c> here. Passing 1e-4 (as Caffe ports do) would be an effective α of 2e-5.
/// </summary>
public static class Lrn
{
    /// <summary>Window size n of the AlexNet paper.</summary>
    public const int PaperSize = 5;
    /// <summary>α as printed in the AlexNet paper (per-element, not divided by n).</summary>
    public const double PaperAlpha = 1e-4;

    /// <summary>AlexNet's LRN: n=5, α=1e-4 (paper convention), β=0.75, k=2.</summary>
    public static nn.Module<Tensor, Tensor> AlexNet() => nn.LocalResponseNorm(PaperSize, alpha: PaperAlpha * PaperSize, beta: 0.75, k: 2);

    /// <summary>GoogLeNet's LRN as in the reference Caffe model (bvlc_googlenet): n=5, α/n=1e-4, β=0.75, k=1; the paper gives no constants.</summary>
    public static nn.Module<Tensor, Tensor> GoogLeNet() => nn.LocalResponseNorm(PaperSize, alpha: 1e-4, beta: 0.75, k: 1);
}
