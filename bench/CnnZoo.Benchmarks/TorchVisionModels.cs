using TorchSharp;
using static TorchSharp.torch;
using TV = TorchSharp.torchvision.models;

namespace CnnZoo.Benchmarks;

/// <summary>TorchSharp's own TorchVision implementations of the nets CnnZoo registers under the same name (the benchmark's reference).</summary>
public static class TorchVisionModels
{
    private static readonly Dictionary<string, Func<int, nn.Module<Tensor, Tensor>>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["alexnet"] = n => TV.alexnet(num_classes: n),
        ["googlenet"] = n => TV.googlenet(num_classes: n),
        ["resnet18"] = n => TV.resnet18(num_classes: n),
        ["resnet34"] = n => TV.resnet34(num_classes: n),
        ["resnet50"] = n => TV.resnet50(num_classes: n),
        ["resnet101"] = n => TV.resnet101(num_classes: n),
        ["resnet152"] = n => TV.resnet152(num_classes: n),
        ["vgg11"] = n => TV.vgg11(num_classes: n),
        ["vgg11_bn"] = n => TV.vgg11_bn(num_classes: n),
        ["vgg13"] = n => TV.vgg13(num_classes: n),
        ["vgg13_bn"] = n => TV.vgg13_bn(num_classes: n),
        ["vgg16"] = n => TV.vgg16(num_classes: n),
        ["vgg16_bn"] = n => TV.vgg16_bn(num_classes: n),
        ["vgg19"] = n => TV.vgg19(num_classes: n),
        ["vgg19_bn"] = n => TV.vgg19_bn(num_classes: n),
    };

    /// <summary>Registry names that have a TorchVision counterpart.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys];

    /// <summary>True when <paramref name="name"/> has a TorchVision counterpart.</summary>
    public static bool Has(string name) => Factories.ContainsKey(name);

    /// <summary>Builds TorchVision's model of the same name with <paramref name="numClasses"/> classes, on the CPU.</summary>
    public static nn.Module<Tensor, Tensor> Create(string name, int numClasses = 1000)
        => Factories.TryGetValue(name, out var create) ? create(numClasses)
            : throw new ArgumentException($"No TorchVision counterpart for '{name}'; bench supports: {string.Join(", ", Names)}.", nameof(name));
}
