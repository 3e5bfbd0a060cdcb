using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Inference;

/// <summary>The arithmetic of folding an eval-mode BatchNorm2d into the Conv2d whose output it normalises.</summary>
internal static class ConvBatchNormFold
{
    /// <summary>
    /// Sets <paramref name="conv"/>'s weight to w·s and its bias to (b − mean)·s + β, s = γ/√(var + ε) per output channel
    /// (γ = 1, β = 0 without affine parameters); a biasless conv gets a bias. Computed in float64, stored in the weight's type.
    /// </summary>
    public static void Fold(Conv2d conv, BatchNorm2d norm)
    {
        using var scope = NewDisposeScope();
        var weight = conv.weight!;
        var type = weight.dtype;
        var mean = norm.running_mean!.to_type(ScalarType.Float64);
        var scale = (norm.running_var!.to_type(ScalarType.Float64) + norm.eps).rsqrt();
        if (norm.weight is not null) scale = scale * norm.weight.to_type(ScalarType.Float64);
        var bias = conv.bias is null ? zeros_like(mean) : conv.bias.to_type(ScalarType.Float64);
        var folded = (bias - mean) * scale;
        if (norm.bias is not null) folded = folded + norm.bias.to_type(ScalarType.Float64);
        var scaled = weight.to_type(ScalarType.Float64) * scale.view(-1, 1, 1, 1); // out channels first, for any groups
        conv.weight = new Parameter(scaled.to_type(type).DetachFromDisposeScope(), requires_grad: false);
        conv.bias = new Parameter(folded.to_type(type).DetachFromDisposeScope(), requires_grad: false);
    }
}
