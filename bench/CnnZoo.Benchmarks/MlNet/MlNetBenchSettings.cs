using System.Globalization;
using CnnZoo.Architectures;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>
/// Settings of <c>cnnzoo bench-mlnet</c>. The defaults keep a full run of lenet5 (Fashion-MNIST, 1×28×28) and resnet18
/// (synthetic 3×32×32) to about two to four minutes on a 2-core CPU.
/// </summary>
public sealed record MlNetBenchSettings
{
    /// <summary>The nets measured when <c>--models</c> is not given.</summary>
    public static IReadOnlyList<string> DefaultModels { get; } = ["lenet5", "resnet18"];

    /// <summary>The net whose memory is followed across epochs (on Fashion-MNIST).</summary>
    public const string MemoryModel = "lenet5";

    /// <summary>SGD momentum of both training loops.</summary>
    public const double Momentum = 0.9;

    /// <summary>Registry names to measure. One-channel nets train on Fashion-MNIST 28×28; the others on synthetic RGB images.</summary>
    public IReadOnlyList<string> Models { get; init; } = DefaultModels;

    /// <summary>Which measurements to run.</summary>
    public MlNetBenchParts Parts { get; init; } = MlNetBenchParts.All;

    /// <summary>Fashion-MNIST training rows used by the one-channel nets.</summary>
    public int Rows { get; init; } = 8192;

    /// <summary>Synthetic rows used by the RGB nets (random integer pixel values 0–255, random labels of 10 classes).</summary>
    public int SyntheticRows { get; init; } = 1024;

    /// <summary>Side of the synthetic RGB images.</summary>
    public int SyntheticSize { get; init; } = 32;

    /// <summary>Training batch for every net; null = 128 for one-channel nets, 64 for the others.</summary>
    public int? Batch { get; init; }

    /// <summary>Untimed interleaved training rounds first (the first also reads the data into the trainer's store).</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>
    /// Longest time (seconds) warm-up goes on past <see cref="Warmup"/> rounds while the JIT is still compiling; timing
    /// starts once it has been quiet (see <see cref="InterleavedTimer"/>). 0: exactly <see cref="Warmup"/> rounds.
    /// </summary>
    public double SettleSeconds { get; init; } = 20;

    /// <summary>Timed interleaved training rounds: each is one epoch of the trainer and one of the hand-written loop.</summary>
    public int Rounds { get; init; } = 6;

    /// <summary>Learning rate of both training loops (constant).</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Rows scored per round by both scoring paths (the first rows of the training data).</summary>
    public int ScoreRows { get; init; } = 8192;

    /// <summary>Timed interleaved scoring rounds.</summary>
    public int ScoreRounds { get; init; } = 12;

    /// <summary>Rows per forward pass in both scoring paths (the transformer's <c>ScoringBatchSize</c>).</summary>
    public int ScoringBatch { get; init; } = 64;

    /// <summary>Timed single-image predictions per net.</summary>
    public int Predictions { get; init; } = 200;

    /// <summary>Epochs of the memory run.</summary>
    public int MemoryEpochs { get; init; } = 10;

    /// <summary>Fashion-MNIST rows of the memory run.</summary>
    public int MemoryRows { get; init; } = 2048;

    /// <summary>Memory layout of the trainer (<c>CnnTrainer.Options.MemoryLayout</c>); the hand-written loop uses the layout the trainer resolves it to.</summary>
    public CnnZoo.Architectures.MemoryLayout Layout { get; init; } = CnnZoo.Architectures.MemoryLayout.Auto;

    /// <summary>libtorch intra-op threads; null leaves libtorch's default.</summary>
    public int? Threads { get; init; }

    /// <summary>Seed of the weights, the shuffles and the synthetic data.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Folder of the Fashion-MNIST IDX files; null = the Debian package's folder.</summary>
    public string? DataFolder { get; init; }

    /// <summary>True when <paramref name="part"/> is to be run.</summary>
    public bool Runs(MlNetBenchParts part) => (Parts & part) == part;

    /// <summary>True when <paramref name="spec"/> trains on Fashion-MNIST (one input channel) rather than synthetic RGB images.</summary>
    public static bool UsesFashionMnist(ModelSpec spec) => (spec ?? throw new ArgumentNullException(nameof(spec))).DefaultInChannels == 1;

    /// <summary>The training batch of <paramref name="spec"/>.</summary>
    public int BatchFor(ModelSpec spec) => Batch ?? (UsesFashionMnist(spec) ? 128 : 64);

    /// <summary>Throws <see cref="CliUsageException"/> for a value out of range.</summary>
    public void Validate()
    {
        if (Models.Count == 0) throw new CliUsageException("--models needs at least one model name.");
        if (Parts == MlNetBenchParts.None) throw new CliUsageException("--parts needs at least one of train, score, predict, memory.");
        AtLeast("--rows", Rows, 2);
        AtLeast("--synthetic-rows", SyntheticRows, 2);
        AtLeast("--synthetic-size", SyntheticSize, 1);
        if (Batch is int batch) AtLeast("--batch", batch, 2);
        AtLeast("--warmup", Warmup, 1);
        AtLeast("--rounds", Rounds, 1);
        if (!(SettleSeconds >= 0)) throw new CliUsageException($"--settle-seconds must be 0 or more; got {SettleSeconds.ToString(CultureInfo.InvariantCulture)}.");
        if (!(LearningRate > 0)) throw new CliUsageException($"--learning-rate must be positive; got {LearningRate.ToString(CultureInfo.InvariantCulture)}.");
        AtLeast("--score-rows", ScoreRows, 1);
        AtLeast("--score-rounds", ScoreRounds, 1);
        if (ScoringBatch is < 1 or > 4096) throw new CliUsageException($"--scoring-batch must be in [1, 4096]; got {ScoringBatch}.");
        AtLeast("--predictions", Predictions, 1);
        AtLeast("--memory-epochs", MemoryEpochs, 2);
        AtLeast("--memory-rows", MemoryRows, 2);
        if (Threads is int threads) AtLeast("--threads", threads, 1);
    }

    /// <summary>One line describing the run.</summary>
    public string Describe(int threads) => string.Create(CultureInfo.InvariantCulture,
        $"models {string.Join(",", Models)} | parts {Parts.ToString().ToLowerInvariant()} | rows {Rows} (Fashion-MNIST), {SyntheticRows} (synthetic 3x{SyntheticSize}x{SyntheticSize}) | " +
        $"batch {(Batch is int b ? b.ToString(CultureInfo.InvariantCulture) : "128 (1-channel) / 64 (RGB)")} | SGD lr {LearningRate:G4} momentum {Momentum} | " +
        $"train rounds {Rounds} + warm-up {Warmup} (up to {SettleSeconds:0.#} s more until the JIT is quiet) | score rows {ScoreRows} x {ScoreRounds} rounds, batch {ScoringBatch} | predictions {Predictions} | " +
        $"memory {MemoryEpochs} epochs of {MemoryRows} rows | layout {Layout.ToString().ToLowerInvariant()} | threads {threads} | seed {Seed} | interleaved ABBA");

    private static void AtLeast(string option, int value, int minimum)
    {
        if (value < minimum) throw new CliUsageException($"{option} must be at least {minimum}; got {value}.");
    }
}
