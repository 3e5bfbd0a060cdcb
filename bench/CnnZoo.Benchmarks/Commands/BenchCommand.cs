using System.CommandLine;
using System.Globalization;
using CnnZoo.Cli.Rendering;
using TorchSharp;

namespace CnnZoo.Benchmarks.Commands;

/// <summary>
/// <c>cnnzoo bench</c>: CnnZoo's models against TorchSharp's own TorchVision models of the same nets, in the same
/// process on the same batch, timed interleaved (ABBA) for inference and/or training steps. Prints per model and mode
/// the median ms, images/s and ratio = CnnZoo images/s ÷ TorchVision images/s (target ≥ 0.97); exits with 1 when the
/// two nets of a model differ in parameter count.
/// </summary>
public sealed class BenchCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var defaults = new BenchSettings();
        var models = new Option<string>("--models", "-m") { Description = $"Comma-separated model names (default: {string.Join(",", BenchSettings.DefaultModels)}). Supported: {string.Join(", ", TorchVisionModels.Names)}." };
        var batch = new Option<int>("--batch", "-b") { Description = "Images per batch.", DefaultValueFactory = _ => defaults.Batch };
        var inputSize = new Option<int>("--input-size", "-s") { Description = "Square input side in pixels.", DefaultValueFactory = _ => defaults.InputSize };
        var iterations = new Option<int?>("--iterations", "-n") { Description = $"Timed rounds, each timing one step of each net (default: auto, about --seconds-per-case per model and mode, {BenchSettings.MinAutoIterations}-{BenchSettings.MaxAutoIterations} rounds)." };
        var warmup = new Option<int>("--warmup", "-w") { Description = "Untimed rounds first.", DefaultValueFactory = _ => defaults.Warmup };
        var mode = EnumOption.Create("--mode", "What to time: forward (eval, no_grad), train (SGD step) or both.", defaults.Mode);
        var threads = new Option<int?>("--threads", "-t") { Description = "libtorch intra-op threads (default: libtorch's, usually the core count)." };
        var seconds = new Option<double>("--seconds-per-case") { Description = "Target time of the timed rounds per model and mode when --iterations is not given.", DefaultValueFactory = _ => defaults.SecondsPerCase };
        var seed = new Option<int>("--seed") { Description = "Seed of the random batch, labels and initial weights.", DefaultValueFactory = _ => defaults.Seed };
        var output = new Option<string?>("--out", "-o") { Description = "Also write the results to this file: CSV if it ends in .csv, JSON otherwise." };
        var format = OutputFormatOption.Create();

        var command = new Command("bench", "Time CnnZoo's models against TorchSharp's TorchVision models of the same nets (interleaved, same batch), forward and/or training step.");
        foreach (var option in new Option[] { models, batch, inputSize, iterations, warmup, mode, threads, seconds, seed, output, format })
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var settings = new BenchSettings
            {
                Models = ParseModels(parsed.GetValue(models)),
                Batch = parsed.GetValue(batch),
                InputSize = parsed.GetValue(inputSize),
                Iterations = parsed.GetValue(iterations),
                Warmup = parsed.GetValue(warmup),
                Mode = parsed.GetValue(mode),
                Threads = parsed.GetValue(threads),
                SecondsPerCase = parsed.GetValue(seconds),
                Seed = parsed.GetValue(seed),
            };
            return Execute(context, settings, parsed.GetValue(format), parsed.GetValue(output));
        });
        return command;
    }

    /// <summary>Splits <c>--models</c> on commas; null or empty gives <see cref="BenchSettings.DefaultModels"/>.</summary>
    public static IReadOnlyList<string> ParseModels(string? value)
        => string.IsNullOrWhiteSpace(value) ? BenchSettings.DefaultModels
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Runs the benchmark with <paramref name="settings"/>, printing progress lines, the table and (optionally) writing <paramref name="outPath"/>.</summary>
    public static int Execute(CliContext context, BenchSettings settings, OutputFormat format, string? outPath)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        // Progress lines: above the spinner on a terminal; otherwise on stdout with the table, or on stderr with markdown/csv
        // so that stdout stays machine-readable.
        var fallback = format == OutputFormat.Table ? context.Out : context.Error;
        void Log(string line) => context.Note(line, fallback);
        var runner = new BenchRunner(settings)
        {
            CheckDone = check => Log(Describe(check)),
            ResultDone = result => Log(Describe(result)),
        };
        runner.Validate();
        Architectures.TorchRuntime.EnsureAvailable();
        if (settings.Threads is int n) torch.set_num_threads(n);
        Log($"cnnzoo bench: CnnZoo vs TorchSharp TorchVision, {settings.Describe(torch.get_num_threads())}");

        var report = context.WithStatus("Starting …", runner.Run);

        TabularWriter.Write(context, ToTable(report), format);
        if (outPath is not null)
        {
            var written = BenchReportFile.Write(report, outPath);
            Log($"Wrote {written.ToUpperInvariant()} results to {Path.GetFullPath(outPath)}.");
        }
        var different = report.Checks.Where(c => !c.SameParameterCount).ToList();
        if (different.Count > 0)
        {
            context.Error.WriteLine("error: not the same net: " + string.Join("; ", different.Select(c =>
                $"{c.Model} has {N(c.CnnZooParameters)} parameters in CnnZoo but {N(c.TorchVisionParameters)} in TorchVision")) + ".");
            return ExitCodes.Failure;
        }
        return ExitCodes.Success;
    }

    /// <summary>The results table: per model and mode, median/min/max ms and images/s of both nets and the ratio.</summary>
    public static TabularData ToTable(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new TabularData(
            new TabularColumn("model"), new TabularColumn("mode"), new TabularColumn("iters", true),
            new TabularColumn("CnnZoo ms", true), new TabularColumn("CnnZoo min-max", true), new TabularColumn("CnnZoo img/s", true),
            new TabularColumn("TorchVision ms", true), new TabularColumn("TorchVision min-max", true), new TabularColumn("TorchVision img/s", true),
            new TabularColumn("ratio", true), new TabularColumn("round ratios", true));
        foreach (var r in report.Results)
        {
            table.AddRow(r.Model, r.Mode.ToString().ToLowerInvariant(), r.Iterations.ToString(CultureInfo.InvariantCulture),
                F(r.CnnZoo.MedianMs, "0.0"), $"{F(r.CnnZoo.MinMs, "0.0")}-{F(r.CnnZoo.MaxMs, "0.0")}", F(r.CnnZoo.ImagesPerSecond, "0.0"),
                F(r.TorchVision.MedianMs, "0.0"), $"{F(r.TorchVision.MinMs, "0.0")}-{F(r.TorchVision.MaxMs, "0.0")}", F(r.TorchVision.ImagesPerSecond, "0.0"),
                F(r.Ratio, "0.000"), $"{F(r.RoundRatioMedian, "0.000")} ({F(r.RatioMin, "0.00")}-{F(r.RatioMax, "0.00")})");
        }
        var met = report.Results.Count(r => r.MeetsTarget);
        table.Footer.Add(string.Create(CultureInfo.InvariantCulture,
            $"ratio = CnnZoo images/s / TorchVision images/s (medians; > 1 means CnnZoo is faster); target >= {BenchResult.TargetRatio:0.00}: {met} of {report.Results.Count} met."));
        table.Footer.Add("round ratios: TorchVision ms / CnnZoo ms within each interleaved round: median (lowest-highest); robust to noise bursts that hit both nets of a round.");
        return table;
    }

    /// <summary>One line on a model's structural check.</summary>
    public static string Describe(BenchModelCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var counts = check.SameParameterCount
            ? $"parameters CnnZoo {N(check.CnnZooParameters)} = TorchVision {N(check.TorchVisionParameters)}"
            : $"parameters DIFFER: CnnZoo {N(check.CnnZooParameters)} vs TorchVision {N(check.TorchVisionParameters)}";
        var weights = check.WeightsCopied
            ? string.Create(CultureInfo.InvariantCulture, $"CnnZoo weights loaded into TorchVision by name, max |logit difference| {check.MaxAbsLogitDifference:G3}")
            : check.Note ?? "";
        return $"{check.Model}: {counts}; {weights}";
    }

    /// <summary>One line on a timed model and mode.</summary>
    public static string Describe(BenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Create(CultureInfo.InvariantCulture,
            $"{result.Model} {result.Mode.ToString().ToLowerInvariant()}: CnnZoo {result.CnnZoo.MedianMs:0.0} ms ({result.CnnZoo.ImagesPerSecond:0.0} img/s), " +
            $"TorchVision {result.TorchVision.MedianMs:0.0} ms ({result.TorchVision.ImagesPerSecond:0.0} img/s), ratio {result.Ratio:0.000} over {result.Iterations} rounds");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
