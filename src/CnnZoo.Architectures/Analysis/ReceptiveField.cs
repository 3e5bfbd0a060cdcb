namespace CnnZoo.Architectures.Analysis;

/// <summary>
/// Receptive field of a chain of convolutions and pools: each layer adds (k − 1)·jump, where jump is the product of the
/// strides before it. Computed from a <see cref="ModelSummary"/>'s conv and pool rows, so it reflects the real modules.
/// Valid for chain-shaped nets (LeNet, AlexNet, ZFNet, VGG); branches and shortcuts are not followed.
/// </summary>
public static class ReceptiveField
{
    /// <summary>Side of the input region that one output unit of the last conv/pool row sees.</summary>
    public static int Of(ModelSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var windows = summary.Layers.Where(r => r.Kernel is not null).Select(r => (r.Kernel!.Value, r.Stride ?? 1));
        return Of(windows);
    }

    /// <summary>Receptive field of (kernel, stride) windows applied in order.</summary>
    public static int Of(IEnumerable<(int Kernel, int Stride)> windows)
    {
        var (field, jump) = (1, 1);
        foreach (var (kernel, stride) in windows)
        {
            field += (kernel - 1) * jump;
            jump *= stride;
        }
        return field;
    }
}
