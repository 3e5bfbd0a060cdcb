using System.Globalization;
using CnnZoo.MLNet.Training;

namespace CnnZoo.Benchmarks.Transfer;

/// <summary>What <c>cnnzoo bench-transfer</c> runs.</summary>
public sealed record TransferBenchSettings
{
    /// <summary>Every task, in order.</summary>
    public static IReadOnlyList<string> AllTasks { get; } = ["fashion-mnist", "oxygen-icons"];

    /// <summary>Tasks to run.</summary>
    public IReadOnlyList<string> Tasks { get; init; } = AllTasks;

    /// <summary>Recipes to run, in order.</summary>
    public IReadOnlyList<TransferRecipe> Recipes { get; init; } = Enum.GetValues<TransferRecipe>();

    /// <summary>Side the CnnZoo recipes resize to: the transfer recipe's (the anchor always uses 224, the size its graph is fixed at).</summary>
    public int InputSize { get; init; } = TrainingPresets.FineTuneImageSize;

    /// <summary>Epochs of the fine-tuned recipe (null: the finetune preset's).</summary>
    public int? FineTuneEpochs { get; init; }

    /// <summary>Epochs of the from-scratch ResNet.</summary>
    public int ScratchEpochs { get; init; } = 10;

    /// <summary>Epochs of LeNet-5 from scratch.</summary>
    public int LeNetEpochs { get; init; } = 40;

    /// <summary>Fashion-MNIST training images per class.</summary>
    public int FashionPerClass { get; init; } = 100;

    /// <summary>Fashion-MNIST test images (the first ones).</summary>
    public int FashionTestImages { get; init; } = 2000;

    /// <summary>Oxygen icons per class for training (the issue allows at most 50).</summary>
    public int IconsPerClass { get; init; } = 30;

    /// <summary>Oxygen icons per class for testing, at most.</summary>
    public int IconsTestPerClass { get; init; } = 50;

    /// <summary>Seed of every ML.NET context and trainer.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Fashion-MNIST IDX folder (null: Debian's).</summary>
    public string? FashionFolder { get; init; }

    /// <summary>Oxygen 64×64 icon folder (null: Debian's).</summary>
    public string? IconsFolder { get; init; }

    /// <summary>Where the Fashion-MNIST PNGs are written once.</summary>
    public string CacheFolder { get; init; } = Path.Combine(Path.GetTempPath(), "cnnzoo-bench-transfer");

    /// <summary>The settings as one line.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"tasks {string.Join(",", Tasks)}; input {InputSize}x{InputSize} (anchor 224x224); fine-tune epochs {FineTuneEpochs?.ToString(CultureInfo.InvariantCulture) ?? "preset"}, scratch {ScratchEpochs}, LeNet-5 {LeNetEpochs}; seed {Seed}; {Environment.ProcessorCount} cores");
}
