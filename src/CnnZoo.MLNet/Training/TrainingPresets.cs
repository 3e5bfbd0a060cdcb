using CnnZoo.Architectures;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// The papers' training recipes (as the lecture summarises them) as named <see cref="TrainingSettings"/>: the settings
/// behind the names of <see cref="TrainingRecipes"/>, which each architecture's <see cref="ModelSpec.TrainingRecipe"/>
/// picks from. Change any option with a <c>with</c> expression, e.g. <c>TrainingPresets.Get("resnet") with { Epochs = 30 }</c>.
/// Dropout is a model option (<c>ModelOptions.Dropout</c>; the zoo's defaults are the papers').
/// </summary>
public static partial class TrainingPresets
{
    /// <summary>AlexNet (2012): SGD, momentum 0.9, batch 128, rate 0.01, weight decay 5e-4, rate ÷10 when validation accuracy stops improving (three times over 90 epochs).</summary>
    public const string AlexNet = TrainingRecipes.AlexNet;

    /// <summary>VGG (2014): as AlexNet with batch 256, 74 epochs.</summary>
    public const string Vgg = TrainingRecipes.Vgg;

    /// <summary>ResNet on ImageNet (2015): SGD, rate 0.1, momentum 0.9, weight decay 1e-4, batch 256, ÷10 on plateau, no dropout.</summary>
    public const string ResNet = TrainingRecipes.ResNet;

    /// <summary>ResNet on CIFAR-10 (2015, §4.2): rate 0.1 after a one-epoch linear warm-up, ÷10 at 50% and 75% of 164 epochs, weight decay 1e-4, momentum 0.9, batch 128.</summary>
    public const string ResNetCifar = TrainingRecipes.ResNetCifar;

    /// <summary>GoogLeNet (2014): SGD, momentum 0.9, rate 0.01 lowered by 4% every 8 epochs; auxiliary losses weighted as the model declares (0.3).</summary>
    public const string GoogLeNet = TrainingRecipes.GoogLeNet;

    /// <summary>A modern default: AdamW, rate 3e-3, weight decay 0.05, cosine annealing after a one-epoch warm-up, label smoothing 0.1.</summary>
    public const string AdamWCosine = TrainingRecipes.AdamWCosine;

    /// <summary>
    /// Fine-tuning a pretrained network on a few hundred images: SGD with Nesterov momentum, rate 0.01 for the new head
    /// and 0.3 of it for the backbone, weight decay 1e-4, cosine annealing over 10 epochs after a one-epoch warm-up,
    /// label smoothing 0.1, batch 32, BatchNorm statistics kept as pretrained. The default when the trainer starts
    /// from pretrained weights; images at <see cref="FineTuneImageSize"/> go with it.
    /// </summary>
    public const string FineTune = "finetune";

    /// <summary>
    /// The image side the transfer recipe resizes to (<c>ResizeImages</c>, <c>cnnzoo train --pretrained</c>): 96, not
    /// ImageNet's 224. On small images (28×28 Fashion-MNIST, 64×64 icons) it was as accurate as 128 and better than 64 in
    /// <c>cnnzoo bench-transfer</c>, and a step takes about a fifth of the multiply-adds of one at 224.
    /// </summary>
    public const int FineTuneImageSize = 96;

    /// <summary>Every preset name.</summary>
    public static IReadOnlyList<string> Names { get; } = [AlexNet, Vgg, ResNet, ResNetCifar, GoogLeNet, AdamWCosine, FineTune];

    /// <summary>The settings of a preset (case-insensitive name).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the presets.</exception>
    public static TrainingSettings Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return TryGet(name, out var settings)
            ? settings
            : throw new ArgumentException($"Unknown training preset '{name}'. Presets: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Looks up a preset (case-insensitive, trimmed) without throwing.</summary>
    public static bool TryGet(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TrainingSettings? settings)
    {
        settings = null;
        return name is not null && Presets.TryGetValue(name.Trim(), out settings);
    }

    /// <summary>The preset a zoo architecture trains with by default: the recipe its <see cref="ModelSpec.TrainingRecipe"/> names.</summary>
    /// <exception cref="ArgumentException">Unknown architecture; the message lists the known ones.</exception>
    public static string NameFor(string architecture) => ModelZoo.Get(architecture).TrainingRecipe;
}
