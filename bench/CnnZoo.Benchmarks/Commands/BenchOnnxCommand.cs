using System.CommandLine;
using System.Globalization;
using CnnZoo.Architectures;
using CnnZoo.Benchmarks.Onnx;
using TorchSharp;

namespace CnnZoo.Benchmarks.Commands;

/// <summary>
/// <c>cnnzoo bench-onnx</c>: inference of the same zoo model in libtorch and in ONNX Runtime (its <c>OnnxExport</c>
/// graph), interleaved in one process: batch-1 latency (median ms) and batch-N throughput (images/s), with the ratio
/// libtorch time ÷ ONNX Runtime time (above 1: ONNX Runtime is faster).
/// </summary>
public sealed class BenchOnnxCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var defaults = new OnnxBenchSettings();
        var models = new Option<string>("--models", "-m") { Description = $"Comma-separated architecture names (default: {string.Join(",", OnnxBenchSettings.DefaultModels)})." };
        var inputSize = new Option<int?>("--input-size", "-s") { Description = "Square input side (default: each architecture's canonical size)." };
        var batch = new Option<int>("--batch", "-b") { Description = "Images per batch of the throughput case (the latency case is batch 1).", DefaultValueFactory = _ => defaults.Batch };
        var iterations = new Option<int?>("--iterations", "-n") { Description = "Timed rounds per case (default: about --seconds-per-case of rounds)." };
        var warmup = new Option<int>("--warmup", "-w") { Description = "Untimed rounds first.", DefaultValueFactory = _ => defaults.Warmup };
        var seconds = new Option<double>("--seconds-per-case") { Description = "Target time of the timed rounds per case when --iterations is not given.", DefaultValueFactory = _ => defaults.SecondsPerCase };
        var threads = new Option<int?>("--threads", "-t") { Description = "Intra-op threads of both runtimes (default: libtorch's, usually the core count)." };
        var command = new Command("bench-onnx", "Time inference in libtorch against ONNX Runtime on the exported graph (interleaved, same input): batch-1 latency and batch-N throughput.");
        foreach (var option in new Option[] { models, inputSize, batch, iterations, warmup, seconds, threads })
            command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var settings = new OnnxBenchSettings
            {
                Models = string.IsNullOrWhiteSpace(parsed.GetValue(models)) ? OnnxBenchSettings.DefaultModels : BenchCommand.ParseModels(parsed.GetValue(models)),
                InputSize = parsed.GetValue(inputSize),
                Batch = parsed.GetValue(batch),
                Iterations = parsed.GetValue(iterations),
                Warmup = parsed.GetValue(warmup),
                SecondsPerCase = parsed.GetValue(seconds),
                Threads = parsed.GetValue(threads),
            };
            return Execute(context, settings);
        });
        return command;
    }

    /// <summary>Validates, runs every model and prints one line per case.</summary>
    public static int Execute(CliContext context, OnnxBenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var name in settings.Models)
            if (!ModelZoo.TryGet(name, out _)) throw new CliUsageException($"Unknown model '{name}'. Known models: {string.Join(", ", ModelZoo.Names)}.");
        if (settings.Batch < 1) throw new CliUsageException($"--batch must be at least 1; got {settings.Batch}.");
        if (settings.Iterations is < 1) throw new CliUsageException($"--iterations must be at least 1; got {settings.Iterations}.");
        TorchRuntime.EnsureAvailable();
        if (settings.Threads is int n) torch.set_num_threads(n);
        context.Out.WriteLine($"cnnzoo bench-onnx: libtorch (TorchSharp) vs ONNX Runtime {Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString()}, {torch.get_num_threads()} intra-op threads each, {Environment.ProcessorCount} logical cores; ratio = libtorch median time / ONNX Runtime median time");
        foreach (var name in settings.Models)
            foreach (var result in OnnxInferenceBench.Run(name, settings))
                context.Out.WriteLine(Describe(result));
        return ExitCodes.Success;
    }

    /// <summary>"resnet18 224px batch 1: libtorch 21.300 ms, ONNX Runtime 15.100 ms, ratio 1.411 over 20 rounds (max |diff| 2.1e-06)".</summary>
    public static string Describe(OnnxBenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var what = result.Batch == 1
            ? string.Create(CultureInfo.InvariantCulture, $"latency: libtorch {result.Torch.MedianMs:0.000} ms, ONNX Runtime {result.Ort.MedianMs:0.000} ms")
            : string.Create(CultureInfo.InvariantCulture, $"throughput: libtorch {result.Torch.ImagesPerSecond:0.0} img/s, ONNX Runtime {result.Ort.ImagesPerSecond:0.0} img/s");
        return string.Create(CultureInfo.InvariantCulture,
            $"{result.Model} {result.InputSize}px batch {result.Batch} {what}, ratio {result.Ratio:0.000} over {result.Rounds} rounds (max |diff| {result.MaxAbsDifference:0.0e+00})");
    }
}
