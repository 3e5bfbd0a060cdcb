using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Inference;

/// <summary>
/// Inference copies of zoo models with each BatchNorm folded into the convolution before it
/// (w′ = w·γ/√(var+ε), b′ = (b − mean)·γ/√(var+ε) + β), so that scoring skips a pass over every feature map.
/// </summary>
public static class FusedInference
{
    /// <summary>
    /// A new model computing <paramref name="model"/>'s eval-mode outputs with every BatchNorm2d that directly follows a
    /// Conv2d folded into it and replaced by an identity; in eval mode, no parameter requiring gradients, on the
    /// model's device. <paramref name="model"/> itself is not changed. Pairs are found from the model's own forward
    /// description; a structure that cannot be described is copied unfolded. The copy has the model's <see cref="CnnModel.MemoryLayout"/>. The copy's state_dict has other keys
    /// (conv biases, no BatchNorm entries): save the original, not the copy. Dispose the copy when done.
    /// </summary>
    public static CnnModel Create(CnnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var noGrad = no_grad();
        var copy = Copy(model);
        var modules = copy.named_modules().ToList();
        var paths = modules.ToDictionary(m => (object)m.module, m => m.name, ReferenceEqualityComparer.Instance);
        var byPath = modules.ToDictionary(m => m.name, m => m.module, StringComparer.Ordinal);
        foreach (var (conv, norm) in ConvBatchNormTrace.Find(copy))
        {
            var parentPath = ParentPath(paths[norm]);
            var parent = parentPath.Length == 0 ? copy : byPath[parentPath];
            if (!ModuleReplacement.CanReplace(parent, norm)) continue; // not reachable for replacement: leave the pair as it is
            ConvBatchNormFold.Fold(conv, norm);
            ModuleReplacement.Replace(parent, norm, LastName(paths[norm]), nn.Identity());
            norm.Dispose();
        }
        foreach (var parameter in copy.parameters()) parameter.requires_grad = false;
        copy.UseLayout(model.MemoryLayout);
        copy.eval();
        return copy;
    }

    /// <summary>How many (Conv2d, BatchNorm2d) pairs <see cref="Create"/> folds in <paramref name="model"/>.</summary>
    public static int FoldablePairs(CnnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ConvBatchNormTrace.Find(model).Count;
    }

    private static CnnModel Copy(CnnModel model)
    {
        var device = model.parameters().Select(p => p.device).FirstOrDefault() ?? model.Options.Device;
        var copy = model.Spec.Build(model.Spec, model.Options with { NumClasses = model.NumClasses, Device = CPU });
        if (device.type != TorchSharp.DeviceType.CPU) copy.to(device);
        copy.load_state_dict(model.state_dict()); // copies values: the two models share no tensor
        return copy;
    }

    private static string ParentPath(string path) => path.LastIndexOf('.') is var dot and >= 0 ? path[..dot] : "";

    private static string LastName(string path) => path[(path.LastIndexOf('.') + 1)..];
}
