using CnnZoo.Architectures;

namespace CnnZoo.MLNet.Comparison;

/// <summary>Which zoo architectures a comparison tries by default, and whether an architecture can take a given input.</summary>
public static class CandidateArchitectures
{
    private static readonly string[] SmallGrey = ["lenet5", "resnet20_cifar", "plain20_cifar", "resnet32_cifar"];
    private static readonly string[] SmallColour = ["resnet20_cifar", "resnet56_cifar", "vgg11_bn", "resnet18"];
    private static readonly string[] Medium = ["resnet18", "resnet34", "vgg11_bn", "googlenet"];
    private static readonly string[] ImageNet = ["alexnet", "vgg16_bn", "googlenet", "resnet18", "resnet50"];

    /// <summary>
    /// A sensible set for the input: up to 64 px grey (MNIST-like) → LeNet-5 and the CIFAR ResNet/plain nets; up to
    /// 64 px colour (CIFAR-like) → CIFAR ResNets, VGG-11-BN, ResNet-18; up to 160 px → ResNet-18/34, VGG-11-BN, GoogLeNet;
    /// larger or unknown → the ImageNet nets. Architectures that cannot take the input are left out.
    /// </summary>
    /// <param name="channels">Image channels (1 grey, 3 RGB).</param>
    /// <param name="inputSize">Square side the models will see; null when unknown (encoded images resized per model).</param>
    public static IReadOnlyList<string> DefaultFor(int channels, int? inputSize)
    {
        var names = inputSize switch
        {
            <= 64 when channels == 1 => SmallGrey,
            <= 64 => SmallColour,
            <= 160 => Medium,
            _ => ImageNet,
        };
        return names.Where(name => Misfit(ModelZoo.Get(name), channels, inputSize) is null).ToList();
    }

    /// <summary>Why <paramref name="spec"/> cannot take <paramref name="channels"/>×<paramref name="inputSize"/>² images; null when it can (or the size is unknown).</summary>
    internal static string? Misfit(ModelSpec spec, int channels, int? inputSize)
    {
        if (inputSize is not int size) return null;
        try
        {
            var constraint = spec.InputConstraintFor(spec.Resolve(new ModelOptions { InChannels = channels, InputSize = size }));
            if (constraint.ExactSize is int exact && exact != size) return $"takes only {exact}×{exact} inputs";
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }
}
