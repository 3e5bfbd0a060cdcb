using CnnZoo.Architectures;
using static TorchSharp.torch;

namespace CnnZoo.Tests;

/// <summary>
/// Random weights that make BatchNorm matter in a comparison: every BatchNorm gets the statistics of a random batch (one
/// training-mode pass, momentum 1) and perturbed affine terms. Statistics that match the data keep even a 1,202-layer
/// net's logits finite and far from zero (torchvision's init with unit running statistics shrinks them towards 1e-17).
/// </summary>
internal static class BatchNormCalibration
{
    public static void Randomize(CnnModel model, int seed = 1)
    {
        random.manual_seed(seed);
        var norms = model.modules().OfType<TorchSharp.Modules.BatchNorm2d>().ToList();
        if (norms.Count == 0) return;
        foreach (var norm in norms) norm.momentum = 1.0;
        var size = model.Options.InputSize;
        model.train();
        using (no_grad())
        using (var batch = randn(4, model.Options.InChannels, size, size))
        using (model.call(batch)) { }
        model.eval();
        using var _ = no_grad();
        foreach (var norm in norms)
        {
            norm.weight!.add_(randn_like(norm.weight) * 0.2);
            norm.bias!.add_(randn_like(norm.bias) * 0.2);
        }
    }
}
