using CnnZoo.Architectures;
using CnnZoo.Cli.Commands;
using Microsoft.ML;
using TorchSharp;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>
/// Runs <c>cnnzoo bench-mlnet</c>: first the memory run (while the process is still small), then per net the training
/// ratio (whose trained model the scoring ratio and the PredictionEngine latency then use), taking a
/// <see cref="MemorySnapshot"/> after each part. Everything runs in this process on the CPU.
/// </summary>
public sealed class MlNetBenchRunner(MlNetBenchSettings settings)
{
    /// <summary>The settings.</summary>
    public MlNetBenchSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>Called with each result as soon as it is measured (for progress lines).</summary>
    public Action<object>? Measured { get; init; }

    /// <summary>Checks the settings and model names (usage errors, before anything is built).</summary>
    public void Validate()
    {
        Settings.Validate();
        foreach (var name in Settings.Models)
        {
            var spec = ModelArguments.FindSpec(name);
            var fashion = MlNetBenchSettings.UsesFashionMnist(spec);
            ModelArguments.Validate(spec, new ModelOptions { InputSize = fashion ? 28 : Settings.SyntheticSize, InChannels = fashion ? 1 : 3, NumClasses = 10 });
        }
    }

    /// <summary>Runs every selected part; <paramref name="status"/> receives what is happening (for a spinner).</summary>
    public MlNetBenchReport Run(Action<string>? status = null)
    {
        Validate();
        status ??= _ => { };
        TorchRuntime.EnsureAvailable();
        if (Settings.Threads is int threads) torch.set_num_threads(threads);
        var ml = new MLContext(Settings.Seed);
        var ratios = new List<RatioResult>();
        var latencies = new List<LatencyResult>();
        var snapshots = new List<MemorySnapshot> { MemorySnapshot.Take("start", collect: true) };
        MemoryFlatnessResult? memory = null;

        if (Settings.Runs(MlNetBenchParts.Memory))
        {
            var spec = ModelZoo.Get(MlNetBenchSettings.MemoryModel);
            using (var data = BenchDataset.For(ml, spec, Settings, Settings.MemoryRows, Settings.MemoryRows))
                memory = MemoryFlatnessBench.Run(ml, data, Settings, Settings.BatchFor(spec), status);
            Measured?.Invoke(memory);
            snapshots.Add(MemorySnapshot.Take("after memory run", collect: true));
        }

        foreach (var name in Settings.Models)
        {
            var spec = ModelZoo.Get(name);
            if (!Settings.Runs(MlNetBenchParts.Train) && !Settings.Runs(MlNetBenchParts.Score) && !Settings.Runs(MlNetBenchParts.Predict)) break;
            using (var data = BenchDataset.For(ml, spec, Settings, Settings.Rows, Settings.SyntheticRows))
            {
                // Without the train part, training only makes the model to score: one round, no settling.
                var timesTraining = Settings.Runs(MlNetBenchParts.Train);
                var trainSettings = timesTraining ? Settings : Settings with { Rounds = 1, SettleSeconds = 0 };
                var (training, model) = TrainingThroughputBench.Run(ml, spec.Name, data, trainSettings, Settings.BatchFor(spec), status);
                using (model)
                {
                    if (timesTraining) Report(ratios, training);
                    if (Settings.Runs(MlNetBenchParts.Score)) Report(ratios, ScoringBench.Run(ml, model, data, Settings, status));
                    if (Settings.Runs(MlNetBenchParts.Predict)) Report(latencies, PredictionLatencyBench.Run(ml, model, data, Settings.Predictions, status));
                }
            }
            snapshots.Add(MemorySnapshot.Take($"after {spec.Name}", collect: true));
        }
        return new MlNetBenchReport(Settings, torch.get_num_threads(), ratios, latencies, memory, snapshots);
    }

    private void Report<T>(List<T> results, T result) where T : notnull
    {
        results.Add(result);
        Measured?.Invoke(result);
    }
}
