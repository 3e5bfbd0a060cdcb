using CnnZoo.Architectures.Weights;
using CnnZoo.MLNet.Training;
using CnnZoo.Onnx.Pretrained;

namespace CnnZoo.Cli.Commands;

/// <summary>
/// <c>--pretrained</c> and <c>--train-layers</c> of <c>cnnzoo train</c>: the starting weights for transfer learning and
/// which of their layers train.
/// </summary>
public sealed class PretrainedArguments : ArgumentGroup
{
    /// <summary>The word that names ML.NET's ImageNet ResNet-18 (package Microsoft.ML.DnnImageFeaturizer.ResNet18).</summary>
    public const string ImageNet = "imagenet";

    /// <summary><c>--pretrained imagenet|FILE</c>.</summary>
    public Option<string?> Pretrained { get; } = new("--pretrained")
    {
        Description = $"Start from pretrained weights with a new head: '{ImageNet}' (ML.NET's ImageNet ResNet-18, with -m {MlNetResNet18.Architecture}) or a weights file (.safetensors, .pth, TorchSharp .dat).",
    };

    /// <summary><c>--train-layers all|head|BLOCK</c>.</summary>
    public Option<string> TrainLayers { get; } = new("--train-layers")
    {
        Description = "With --pretrained: which layers train: all (backbone at 0.3 of the rate), head, or a block name such as layer3 (that block on).",
        DefaultValueFactory = _ => "all",
    };

    /// <inheritdoc />
    protected override IEnumerable<Symbol> Symbols => [Pretrained, TrainLayers];

    /// <summary>The weights named on the command line for <paramref name="architecture"/>, or null for training from scratch.</summary>
    public PretrainedWeights? GetWeights(ParseResult parsed, string architecture)
    {
        var value = parsed.GetValue(Pretrained);
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value.Equals(ImageNet, StringComparison.OrdinalIgnoreCase))
            return architecture.Equals(MlNetResNet18.Architecture, StringComparison.OrdinalIgnoreCase)
                ? MlNetResNet18.Weights()
                : throw new CliUsageException($"--pretrained {ImageNet} holds ImageNet weights for '{MlNetResNet18.Architecture}'; add -m {MlNetResNet18.Architecture}.");
        if (!File.Exists(value)) throw new CliUsageException($"--pretrained: no weights file '{value}' (give a .safetensors, .pth or .dat file, or '{ImageNet}').");
        return PretrainedWeights.FromFile(value);
    }

    /// <summary>The fine-tuning the command line asks for.</summary>
    public FineTuning GetFineTuning(ParseResult parsed) => new()
    {
        Train = (parsed.GetValue(TrainLayers) ?? "all").ToLowerInvariant() switch
        {
            "all" => TrainableLayers.All,
            "head" => TrainableLayers.Head,
            _ => TrainableLayers.From(parsed.GetValue(TrainLayers)!),
        },
    };
}
