using TorchSharp;

namespace CnnZoo.Architectures;

/// <summary>
/// What a caller may change when building a zoo model. Every property left <c>null</c> takes the
/// architecture's own default (see <see cref="ModelSpec"/>), so <c>new ModelOptions()</c> builds the paper's network.
/// </summary>
public sealed record ModelOptions
{
    /// <summary>Number of output classes; default: the paper's (1000 for ImageNet nets, 10 for LeNet and the CIFAR nets).</summary>
    public int? NumClasses { get; init; }

    /// <summary>Input channels (1 for grey images, 3 for RGB); default: the paper's.</summary>
    public int? InChannels { get; init; }

    /// <summary>
    /// Square input side in pixels. Nets with a fixed classifier (LeNet-5, the 2012 AlexNet, ZFNet) size it from this;
    /// the others accept any size from <see cref="ModelSpec.MinInputSize"/> up. Default: the paper's canonical size.
    /// </summary>
    public int? InputSize { get; init; }

    /// <summary>Dropout probability of the classifier; default: the paper's (0.5 AlexNet/VGG, 0.4 GoogLeNet paper, 0.2 torchvision GoogLeNet).</summary>
    public double? Dropout { get; init; }

    /// <summary>Device the parameters are created on; default CPU.</summary>
    public torch.Device? Device { get; init; }

    /// <summary>
    /// Build the architecture's auxiliary classifiers (GoogLeNet's two), used by <see cref="CnnModel.ForwardWithAux"/> in
    /// training; only for architectures whose <see cref="ModelSpec.HasAuxClassifiers"/> is true.
    /// </summary>
    public bool AuxClassifiers { get; init; }
}

/// <summary><see cref="ModelOptions"/> with every default filled in from a <see cref="ModelSpec"/> and validated.</summary>
public sealed record ResolvedModelOptions(int NumClasses, int InChannels, int InputSize, double Dropout, torch.Device Device, bool AuxClassifiers);
