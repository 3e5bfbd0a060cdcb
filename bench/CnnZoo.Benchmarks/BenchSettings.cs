using System.Globalization;

namespace CnnZoo.Benchmarks;

/// <summary>
/// Settings of a benchmark run. Defaults keep all five default models in both modes to a few minutes on a 2-core CPU:
/// batch 8 at 112×112, 2 warm-up rounds, and with <see cref="Iterations"/> unset as many timed rounds as fit in about
/// <see cref="SecondsPerCase"/> seconds per model and mode (between <see cref="MinAutoIterations"/> and <see cref="MaxAutoIterations"/>).
/// </summary>
public sealed record BenchSettings
{
    /// <summary>The nets benchmarked when <c>--models</c> is not given.</summary>
    public static IReadOnlyList<string> DefaultModels { get; } = ["resnet18", "resnet50", "vgg16", "googlenet", "alexnet"];

    /// <summary>Fewest timed rounds chosen automatically.</summary>
    public const int MinAutoIterations = 10;

    /// <summary>Most timed rounds chosen automatically.</summary>
    public const int MaxAutoIterations = 60;

    /// <summary>Registry names to benchmark (each must have a TorchVision counterpart).</summary>
    public IReadOnlyList<string> Models { get; init; } = DefaultModels;

    /// <summary>Images per batch.</summary>
    public int Batch { get; init; } = 8;

    /// <summary>Square input side.</summary>
    public int InputSize { get; init; } = 112;

    /// <summary>Timed rounds (each times one step of each net); null chooses from <see cref="SecondsPerCase"/>.</summary>
    public int? Iterations { get; init; }

    /// <summary>Untimed rounds before timing.</summary>
    public int Warmup { get; init; } = 2;

    /// <summary>Forward, train or both.</summary>
    public BenchMode Mode { get; init; } = BenchMode.Both;

    /// <summary>libtorch intra-op threads; null leaves libtorch's default.</summary>
    public int? Threads { get; init; }

    /// <summary>Target time of the timed rounds of one model and mode when <see cref="Iterations"/> is null.</summary>
    public double SecondsPerCase { get; init; } = 18;

    /// <summary>Seed of the random input batch, labels and weights.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of classes of both nets.</summary>
    public int NumClasses { get; init; } = 1000;

    /// <summary>The modes to run, in order.</summary>
    public IReadOnlyList<BenchMode> Modes => Mode == BenchMode.Both ? [BenchMode.Forward, BenchMode.Train] : [Mode];

    /// <summary>Throws <see cref="CliUsageException"/> for a value out of range.</summary>
    public void Validate()
    {
        if (Models.Count == 0) throw new CliUsageException("--models needs at least one model name.");
        if (Batch < 1) throw new CliUsageException($"--batch must be at least 1; got {Batch}.");
        if (InputSize < 1) throw new CliUsageException($"--input-size must be at least 1; got {InputSize}.");
        if (Iterations is < 1) throw new CliUsageException($"--iterations must be at least 1; got {Iterations}.");
        if (Warmup < 0) throw new CliUsageException($"--warmup must be 0 or more; got {Warmup}.");
        if (Threads is < 1) throw new CliUsageException($"--threads must be at least 1; got {Threads}.");
        if (!(SecondsPerCase > 0)) throw new CliUsageException($"--seconds-per-case must be positive; got {SecondsPerCase}.");
    }

    /// <summary>One line describing the run.</summary>
    public string Describe(int threads) => string.Create(CultureInfo.InvariantCulture,
        $"models {string.Join(",", Models)} | batch {Batch} | input 3x{InputSize}x{InputSize} | mode {Mode.ToString().ToLowerInvariant()} | warm-up {Warmup} | " +
        $"iterations {(Iterations is int n ? n.ToString(CultureInfo.InvariantCulture) : $"auto (~{SecondsPerCase:0.#} s per model and mode, {MinAutoIterations}-{MaxAutoIterations})")} | " +
        $"threads {threads} | seed {Seed} | interleaved ABBA");
}
