using System.Diagnostics;
using Microsoft.ML;

namespace CnnZoo.Benchmarks.Transfer;

/// <summary>Runs every selected recipe on every selected task, each in a fresh <see cref="MLContext"/> with the bench's seed.</summary>
public sealed class TransferBenchRunner(TransferBenchSettings settings)
{
    /// <summary>Called with each result as it is measured.</summary>
    public Action<TransferResult>? Measured { get; init; }

    /// <summary>Called with what is being run.</summary>
    public Action<string>? Status { get; init; }

    /// <summary>The tasks, built from the settings (Fashion-MNIST's PNGs are written on first use).</summary>
    public IReadOnlyList<TransferTask> CreateTasks() => settings.Tasks.Select(name => name switch
    {
        "fashion-mnist" => FashionMnistTask.Create(settings.FashionFolder, settings.CacheFolder, settings.FashionPerClass, settings.FashionTestImages),
        "oxygen-icons" => OxygenIconsTask.Create(settings.IconsFolder, settings.IconsPerClass, settings.IconsTestPerClass),
        _ => throw new CliUsageException($"Unknown task '{name}'. Known: {string.Join(", ", TransferBenchSettings.AllTasks)}."),
    }).ToArray();

    /// <summary>Runs the recipes on <paramref name="tasks"/>.</summary>
    public IReadOnlyList<TransferResult> Run(IReadOnlyList<TransferTask> tasks)
    {
        var results = new List<TransferResult>();
        foreach (var task in tasks)
            foreach (var recipe in settings.Recipes)
            {
                Status?.Invoke($"{task.Name}: {recipe} …");
                var result = Measure(task, recipe);
                results.Add(result);
                Measured?.Invoke(result);
            }
        return results;
    }

    private TransferResult Measure(TransferTask task, TransferRecipe recipe)
    {
        var ml = new MLContext(seed: settings.Seed);
        var train = ml.Data.LoadFromEnumerable(task.Train);
        var test = ml.Data.LoadFromEnumerable(task.Test);
        var clock = Stopwatch.StartNew();
        var model = TransferPipelines.Create(ml, recipe, task, settings).Fit(train);
        var fit = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
        var testSeconds = clock.Elapsed.TotalSeconds;
        (model as IDisposable)?.Dispose();
        return new TransferResult(task.Name, recipe, TransferPipelines.InputSize(recipe, task, settings), metrics.MicroAccuracy, metrics.MacroAccuracy,
            fit, testSeconds, task.Train.Count, task.Test.Count);
    }
}
