using System.CommandLine;
using CnnZoo.Benchmarks.MlNet;
using CnnZoo.Cli.Rendering;
using TorchSharp;

namespace CnnZoo.Benchmarks.Commands;

/// <summary>
/// <c>cnnzoo bench-mlnet</c>: the ML.NET face of CnnZoo against hand-written TorchSharp, in the same process and
/// interleaved: the trainer's images/s ÷ a hand-written loop's on the same net, data and batch (target ≥ 0.95); batched
/// <c>Transform</c> scoring ÷ a raw forward (≥ 0.90); PredictionEngine single-image latency; memory across 10 short
/// epochs (growth from epoch 2 &lt; 2%) and the peak. Prints a table and one line per measurement with PASS or BELOW;
/// exits with 1 only with <c>--strict</c> when something is below its target.
/// </summary>
public sealed class BenchMlNetCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var d = new MlNetBenchSettings();
        var models = new Option<string>("--models", "-m") { Description = $"Comma-separated model names (default: {string.Join(",", MlNetBenchSettings.DefaultModels)}). One-channel nets train on Fashion-MNIST 28x28, others on synthetic RGB images." };
        var parts = new Option<string>("--parts") { Description = "Comma-separated measurements: train, score, predict, memory (default: all).", DefaultValueFactory = _ => "all" };
        var rows = Int("--rows", "Fashion-MNIST training rows for one-channel nets.", d.Rows);
        var syntheticRows = Int("--synthetic-rows", "Synthetic rows for RGB nets.", d.SyntheticRows);
        var syntheticSize = Int("--synthetic-size", "Side of the synthetic RGB images.", d.SyntheticSize);
        var batch = new Option<int?>("--batch", "-b") { Description = "Training batch for every net (default: 128 for one-channel nets, 64 for RGB nets)." };
        var warmup = Int("--warmup", "Untimed interleaved training rounds (the first includes the trainer's data ingestion).", d.Warmup, "-w");
        var settleSeconds = new Option<double>("--settle-seconds") { Description = "Longest extra warm-up (seconds) while the JIT is still compiling; timing starts once it is quiet. 0: exactly --warmup rounds.", DefaultValueFactory = _ => d.SettleSeconds };
        var rounds = Int("--rounds", "Timed interleaved training rounds (one epoch of each loop per round).", d.Rounds, "-n");
        var learningRate = new Option<double>("--learning-rate") { Description = "Constant SGD learning rate of both loops.", DefaultValueFactory = _ => d.LearningRate };
        var scoreRows = Int("--score-rows", "Rows scored per scoring round.", d.ScoreRows);
        var scoreRounds = Int("--score-rounds", "Timed interleaved scoring rounds.", d.ScoreRounds);
        var scoringBatch = Int("--scoring-batch", "Rows per forward pass when scoring (the transformer's ScoringBatchSize).", d.ScoringBatch);
        var predictions = Int("--predictions", "Timed single-image PredictionEngine predictions per net.", d.Predictions);
        var memoryEpochs = Int("--memory-epochs", "Epochs of the memory run.", d.MemoryEpochs);
        var memoryRows = Int("--memory-rows", "Fashion-MNIST rows of the memory run.", d.MemoryRows);
        var layout = CnnZoo.Cli.Rendering.EnumOption.Create("--layout", "Memory layout of the trainer (auto: the architecture's measured preference); the hand-written loop uses the same.", CnnZoo.Architectures.MemoryLayout.Auto);
        var threads = new Option<int?>("--threads", "-t") { Description = "libtorch intra-op threads (default: libtorch's, usually the core count)." };
        var seed = Int("--seed", "Seed of the weights, shuffles and synthetic data.", d.Seed);
        var data = new Option<string?>("--data") { Description = "Folder of the Fashion-MNIST IDX files (default: /usr/share/datasets/fashion-mnist/)." };
        var strict = new Option<bool>("--strict") { Description = "Exit with 1 when a ratio or the memory growth misses its target." };
        var output = new Option<string?>("--out", "-o") { Description = "Also write the results to this file: CSV if it ends in .csv, JSON otherwise." };
        var format = OutputFormatOption.Create();

        var command = new Command("bench-mlnet", "Time the ML.NET trainer, Transform and PredictionEngine against hand-written TorchSharp (same process, interleaved), and check memory stays flat across epochs.");
        foreach (var option in new Option[] { models, parts, rows, syntheticRows, syntheticSize, batch, warmup, settleSeconds, rounds, learningRate, scoreRows, scoreRounds, scoringBatch,
                     predictions, memoryEpochs, memoryRows, layout, threads, seed, data, strict, output, format })
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var settings = new MlNetBenchSettings
            {
                Models = ParseModels(parsed.GetValue(models)),
                Parts = ParseParts(parsed.GetValue(parts)),
                Rows = parsed.GetValue(rows),
                SyntheticRows = parsed.GetValue(syntheticRows),
                SyntheticSize = parsed.GetValue(syntheticSize),
                Batch = parsed.GetValue(batch),
                Warmup = parsed.GetValue(warmup),
                SettleSeconds = parsed.GetValue(settleSeconds),
                Rounds = parsed.GetValue(rounds),
                LearningRate = parsed.GetValue(learningRate),
                ScoreRows = parsed.GetValue(scoreRows),
                ScoreRounds = parsed.GetValue(scoreRounds),
                ScoringBatch = parsed.GetValue(scoringBatch),
                Predictions = parsed.GetValue(predictions),
                MemoryEpochs = parsed.GetValue(memoryEpochs),
                MemoryRows = parsed.GetValue(memoryRows),
                Layout = parsed.GetValue(layout),
                Threads = parsed.GetValue(threads),
                Seed = parsed.GetValue(seed),
                DataFolder = parsed.GetValue(data),
            };
            return Execute(context, settings, parsed.GetValue(format), parsed.GetValue(output), parsed.GetValue(strict));
        });
        return command;
    }

    /// <summary>Splits <c>--models</c> on commas; null or empty gives <see cref="MlNetBenchSettings.DefaultModels"/>.</summary>
    public static IReadOnlyList<string> ParseModels(string? value)
        => string.IsNullOrWhiteSpace(value) ? MlNetBenchSettings.DefaultModels
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Parses <c>--parts</c>: a comma-separated list of train, score, predict, memory, or "all".</summary>
    public static MlNetBenchParts ParseParts(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return MlNetBenchParts.All;
        var parts = MlNetBenchParts.None;
        foreach (var token in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<MlNetBenchParts>(token, ignoreCase: true, out var part) || int.TryParse(token, out _) || part == MlNetBenchParts.None)
                throw new CliUsageException($"--parts takes train, score, predict, memory or all; got '{token}'.");
            parts |= part;
        }
        return parts;
    }

    /// <summary>Runs the benchmark, printing progress, the table and the summary lines, and (optionally) writing <paramref name="outPath"/>.</summary>
    public static int Execute(CliContext context, MlNetBenchSettings settings, OutputFormat format, string? outPath, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        // As in `bench`: with a table, progress and summary go to stdout; with markdown/csv to stderr, keeping stdout machine-readable.
        var lines = format == OutputFormat.Table ? context.Out : context.Error;
        void Log(string line) => context.Note(line, lines);
        // Each result as it comes, above the spinner on a terminal; the summary lines after the table repeat them all.
        var runner = new MlNetBenchRunner(settings)
        {
            Measured = context.StatusConsole is null ? null : result => Log(result switch
            {
                RatioResult r => MlNetBenchText.Describe(r),
                LatencyResult l => MlNetBenchText.Describe(l),
                MemoryFlatnessResult m => MlNetBenchText.Describe(m),
                _ => result.ToString() ?? "",
            }),
        };
        runner.Validate();
        Architectures.TorchRuntime.EnsureAvailable();
        if (settings.Threads is int n) torch.set_num_threads(n);
        Log($"cnnzoo bench-mlnet: {settings.Describe(torch.get_num_threads())}");

        var report = context.WithStatus("Starting …", runner.Run);

        TabularWriter.Write(context, MlNetBenchText.ToTable(report), format);
        foreach (var line in MlNetBenchText.SummaryLines(report)) lines.WriteLine(line);
        lines.Flush();
        if (outPath is not null)
        {
            var written = MlNetBenchReportFile.Write(report, outPath);
            Log($"Wrote {written.ToUpperInvariant()} results to {Path.GetFullPath(outPath)}.");
        }
        return strict && !report.AllPass ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static Option<int> Int(string name, string description, int defaultValue, params string[] aliases)
        => new(name, aliases) { Description = description, DefaultValueFactory = _ => defaultValue };
}
