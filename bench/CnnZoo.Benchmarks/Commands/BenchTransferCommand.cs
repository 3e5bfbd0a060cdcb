using System.CommandLine;
using CnnZoo.Benchmarks.Transfer;
using CnnZoo.Cli.Rendering;

namespace CnnZoo.Benchmarks.Commands;

/// <summary>
/// <c>cnnzoo bench-transfer</c>: transfer learning on a few hundred images against ML.NET's own
/// <c>DnnFeaturizeImage(ResNet18)</c> + <c>LbfgsMaximumEntropy</c> (the anchor), in the same run: CnnZoo's pretrained
/// featurizer with the anchor's preprocessing (same weights: within a point), CnnZoo's recipes (featurizer + head,
/// the fine-tuned network) and the same ResNet and LeNet-5 from scratch, on Fashion-MNIST (100 images per class) and
/// Oxygen's icons (a colour set Debian ships). Prints accuracy and wall time per recipe and PASS/BELOW verdicts.
/// </summary>
public sealed class BenchTransferCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var d = new TransferBenchSettings();
        var tasks = new Option<string>("--tasks") { Description = $"Comma-separated tasks: {string.Join(", ", TransferBenchSettings.AllTasks)} (default: all)." };
        var recipes = new Option<string>("--recipes") { Description = $"Comma-separated recipes: {string.Join(", ", Enum.GetNames<TransferRecipe>())} (default: all)." };
        var size = Int("--input-size", "Side the CnnZoo recipes resize images to (the anchor's graph is fixed at 224).", d.InputSize);
        var epochs = new Option<int?>("--epochs") { Description = "Epochs of the fine-tuned recipe (default: the finetune preset's)." };
        var scratchEpochs = Int("--scratch-epochs", "Epochs of the ResNet from scratch.", d.ScratchEpochs);
        var lenetEpochs = Int("--lenet-epochs", "Epochs of LeNet-5 from scratch.", d.LeNetEpochs);
        var fashionPerClass = Int("--fashion-per-class", "Fashion-MNIST training images per class.", d.FashionPerClass);
        var fashionTest = Int("--fashion-test", "Fashion-MNIST test images (the first ones).", d.FashionTestImages);
        var iconsPerClass = Int("--icons-per-class", "Oxygen training icons per class.", d.IconsPerClass);
        var iconsTest = Int("--icons-test-per-class", "Oxygen test icons per class, at most.", d.IconsTestPerClass);
        var seed = Int("--seed", "Seed of every context and trainer.", d.Seed);
        var data = new Option<string?>("--data") { Description = $"Fashion-MNIST IDX folder (default: {FashionMnistTask.DefaultFolder})." };
        var icons = new Option<string?>("--icons") { Description = $"Oxygen 64x64 icon folder (default: {OxygenIconsTask.DefaultFolder})." };
        var format = OutputFormatOption.Create();

        var command = new Command("bench-transfer", "Transfer learning on a few hundred images: CnnZoo's recipes against ML.NET's DnnFeaturizeImage(ResNet18) + LbfgsMaximumEntropy, accuracy and wall time.");
        foreach (var option in new Option[] { tasks, recipes, size, epochs, scratchEpochs, lenetEpochs, fashionPerClass, fashionTest, iconsPerClass, iconsTest, seed, data, icons, format })
            command.Options.Add(option);
        command.SetAction(parsed => Execute(context, new TransferBenchSettings
        {
            Tasks = ParseList(parsed.GetValue(tasks), TransferBenchSettings.AllTasks),
            Recipes = ParseRecipes(parsed.GetValue(recipes)),
            InputSize = parsed.GetValue(size),
            FineTuneEpochs = parsed.GetValue(epochs),
            ScratchEpochs = parsed.GetValue(scratchEpochs),
            LeNetEpochs = parsed.GetValue(lenetEpochs),
            FashionPerClass = parsed.GetValue(fashionPerClass),
            FashionTestImages = parsed.GetValue(fashionTest),
            IconsPerClass = parsed.GetValue(iconsPerClass),
            IconsTestPerClass = parsed.GetValue(iconsTest),
            Seed = parsed.GetValue(seed),
            FashionFolder = parsed.GetValue(data),
            IconsFolder = parsed.GetValue(icons),
        }, parsed.GetValue(format)));
        return command;
    }

    /// <summary>Parses <c>--recipes</c> (recipe names, any case); null or empty gives every recipe.</summary>
    public static IReadOnlyList<TransferRecipe> ParseRecipes(string? value) =>
        ParseList(value, Enum.GetNames<TransferRecipe>()).Select(name =>
            Enum.TryParse<TransferRecipe>(name, ignoreCase: true, out var recipe) && !int.TryParse(name, out _) ? recipe
                : throw new CliUsageException($"--recipes takes {string.Join(", ", Enum.GetNames<TransferRecipe>())}; got '{name}'.")).ToArray();

    /// <summary>Runs the benchmark and prints the table and verdicts.</summary>
    public static int Execute(CliContext context, TransferBenchSettings settings, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.InputSize < 32) throw new CliUsageException($"--input-size must be at least 32; got {settings.InputSize}.");
        foreach (var (name, value) in new[] { ("--fashion-per-class", settings.FashionPerClass), ("--fashion-test", settings.FashionTestImages), ("--icons-per-class", settings.IconsPerClass),
                     ("--icons-test-per-class", settings.IconsTestPerClass), ("--scratch-epochs", settings.ScratchEpochs), ("--lenet-epochs", settings.LeNetEpochs), ("--epochs", settings.FineTuneEpochs ?? 1) })
            if (value < 1) throw new CliUsageException($"{name} must be at least 1; got {value}.");
        foreach (var task in settings.Tasks)
            if (!TransferBenchSettings.AllTasks.Contains(task)) throw new CliUsageException($"--tasks takes {string.Join(", ", TransferBenchSettings.AllTasks)}; got '{task}'.");
        var lines = format == OutputFormat.Table ? context.Out : context.Error;
        void Log(string line) => context.Note(line, lines);
        Architectures.TorchRuntime.EnsureAvailable();
        Log($"cnnzoo bench-transfer: {settings.Describe()}");
        var taskList = new TransferBenchRunner(settings).CreateTasks();
        foreach (var task in taskList) Log($"{task.Name}: {task.Description}; {task.Train.Count} training images, {task.Test.Count} test images");
        var results = context.WithStatus("Starting …", status => new TransferBenchRunner(settings)
        {
            Measured = r => Log(TransferBenchText.Describe(r)),
            Status = status,
        }.Run(taskList));
        TabularWriter.Write(context, TransferBenchText.ToTable(results), format);
        foreach (var line in TransferBenchText.Verdicts(results)) lines.WriteLine(line);
        lines.Flush();
        return ExitCodes.Success;
    }

    private static IReadOnlyList<string> ParseList(string? value, IReadOnlyList<string> all) =>
        string.IsNullOrWhiteSpace(value) || value.Trim() == "all" ? all : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Option<int> Int(string name, string description, int defaultValue) => new(name) { Description = description, DefaultValueFactory = _ => defaultValue };
}
