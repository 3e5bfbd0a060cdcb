using CnnZoo.Architectures;
using CnnZoo.Cli.Commands;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Benchmarks;

/// <summary>Everything one benchmark run measured.</summary>
/// <param name="Settings">The settings.</param>
/// <param name="Threads">libtorch intra-op threads used.</param>
/// <param name="Checks">Per model: parameter counts of both nets and the weight-copy check.</param>
/// <param name="Results">Per model and mode: the timings.</param>
public sealed record BenchReport(BenchSettings Settings, int Threads, IReadOnlyList<BenchModelCheck> Checks, IReadOnlyList<BenchResult> Results)
{
    /// <summary>True when every model's two nets have the same parameter count.</summary>
    public bool AllSameNets => Checks.All(c => c.SameParameterCount);
}

/// <summary>
/// Runs the CnnZoo-vs-TorchVision benchmark: for each model, builds both nets, checks they are the same net (parameter
/// counts; CnnZoo's weights loaded into TorchVision's by name and the logits compared), then times them interleaved on the
/// same random batch in each mode. Models are disposed and the GC run between models.
/// </summary>
public sealed class BenchRunner(BenchSettings settings)
{
    /// <summary>The settings.</summary>
    public BenchSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>Called after each model's structural check.</summary>
    public Action<BenchModelCheck>? CheckDone { get; init; }

    /// <summary>Called after each model and mode is timed.</summary>
    public Action<BenchResult>? ResultDone { get; init; }

    /// <summary>
    /// Checks the settings and model names (usage errors, before anything is built): every model must be registered,
    /// have a TorchVision counterpart and accept the input size.
    /// </summary>
    public void Validate()
    {
        Settings.Validate();
        foreach (var name in Settings.Models)
        {
            var spec = ModelArguments.FindSpec(name);
            if (!TorchVisionModels.Has(spec.Name))
                throw new CliUsageException($"'{spec.Name}' has no TorchVision counterpart to compare with; bench supports: {string.Join(", ", TorchVisionModels.Names)}.");
            ModelArguments.Validate(spec, Options);
        }
    }

    private ModelOptions Options => new() { NumClasses = Settings.NumClasses, InputSize = Settings.InputSize };

    /// <summary>Runs the whole benchmark; <paramref name="status"/> receives a short description of what is happening (for a spinner).</summary>
    public BenchReport Run(Action<string>? status = null)
    {
        Validate();
        TorchRuntime.EnsureAvailable();
        if (Settings.Threads is int threads) torch.set_num_threads(threads);
        var checks = new List<BenchModelCheck>();
        var results = new List<BenchResult>();
        foreach (var name in Settings.Models)
        {
            var spec = ModelZoo.Get(name);
            var (check, timed) = RunModel(spec.Name, status ?? (_ => { }));
            checks.Add(check);
            results.AddRange(timed);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        return new BenchReport(Settings, torch.get_num_threads(), checks, results);
    }

    private (BenchModelCheck Check, List<BenchResult> Results) RunModel(string name, Action<string> status)
    {
        status($"{name}: building CnnZoo and TorchVision models …");
        torch.manual_seed(Settings.Seed);
        using var input = torch.randn(Settings.Batch, 3, Settings.InputSize, Settings.InputSize);
        using var labels = torch.randint(0, Settings.NumClasses, [Settings.Batch], dtype: ScalarType.Int64);
        using var cnnZoo = new BenchNet("CnnZoo", ModelZoo.Create(name, Options), input, labels);
        using var torchVision = new BenchNet("TorchVision", TorchVisionModels.Create(name, Settings.NumClasses), input, labels);

        var check = Compare(name, cnnZoo, torchVision);
        CheckDone?.Invoke(check);
        var results = new List<BenchResult>();
        if (!check.SameParameterCount) return (check, results);

        foreach (var mode in Settings.Modes)
        {
            var label = mode.ToString().ToLowerInvariant();
            status($"{name} {label}: warming up …");
            var a = cnnZoo.StepFor(mode);
            var b = torchVision.StepFor(mode);
            var timings = InterleavedTimer.Run(a, b, Settings.Warmup, Settings.Iterations, Settings.SecondsPerCase,
                onRound: round => status($"{name} {label}: round {round}{(Settings.Iterations is int n ? $"/{n}" : "")} …"));
            var result = new BenchResult(name, mode, Settings.Batch, Settings.InputSize, timings.A.Length,
                TimingStats.From(timings.A, Settings.Batch), TimingStats.From(timings.B, Settings.Batch), timings.A, timings.B);
            results.Add(result);
            ResultDone?.Invoke(result);
        }
        return (check, results);
    }

    /// <summary>Parameter counts of both nets; then CnnZoo's weights are loaded into TorchVision's by name (strict) and the eval logits compared.</summary>
    private static BenchModelCheck Compare(string name, BenchNet cnnZoo, BenchNet torchVision)
    {
        long a = cnnZoo.ParameterCount, b = torchVision.ParameterCount;
        if (a != b) return new BenchModelCheck(name, a, b, false, null, "parameter counts differ");
        try
        {
            using (torch.no_grad())
                torchVision.Module.load_state_dict(cnnZoo.Module.state_dict(), strict: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or System.Runtime.InteropServices.ExternalException)
        {
            return new BenchModelCheck(name, a, b, false, null, "state_dict names differ: " + CliUsageException.CleanMessage(ex));
        }
        using var scope = torch.NewDisposeScope();
        var diff = (cnnZoo.Logits() - torchVision.Logits()).abs().max().item<float>();
        return new BenchModelCheck(name, a, b, true, diff, null);
    }
}
