using System.Diagnostics;
using CnnZoo.Architectures;
using CnnZoo.Onnx.Export;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Benchmarks.Onnx;

/// <summary>One case's result: both runtimes' median milliseconds per batch and the largest output difference.</summary>
/// <param name="Model">Registry name.</param>
/// <param name="InputSize">Square input side.</param>
/// <param name="Batch">Images per call.</param>
/// <param name="Rounds">Timed rounds.</param>
/// <param name="Torch">libtorch (TorchSharp, eval, no_grad) timings.</param>
/// <param name="Ort">ONNX Runtime timings of the exported graph.</param>
/// <param name="MaxAbsDifference">Largest |libtorch − ONNX Runtime| logit on the benchmark batch.</param>
public sealed record OnnxBenchResult(string Model, int InputSize, int Batch, int Rounds, TimingStats Torch, TimingStats Ort, double MaxAbsDifference)
{
    /// <summary>ONNX Runtime's speed relative to libtorch: libtorch's median time ÷ ONNX Runtime's (above 1: ONNX Runtime is faster).</summary>
    public double Ratio => Torch.MedianMs / Ort.MedianMs;
}

/// <summary>
/// Inference of one zoo model in libtorch and, exported with <see cref="OnnxExport"/>, in ONNX Runtime, in the same process
/// on the same input, timed interleaved (<see cref="InterleavedTimer"/>) with the same intra-op thread count.
/// </summary>
public static class OnnxInferenceBench
{
    /// <summary>Times batch 1 (latency) and <see cref="OnnxBenchSettings.Batch"/> (throughput) for <paramref name="name"/>.</summary>
    public static IEnumerable<OnnxBenchResult> Run(string name, OnnxBenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        random.manual_seed(1);
        using var model = ModelZoo.Create(name, new ModelOptions { InputSize = settings.InputSize });
        model.eval();
        var size = model.Options.InputSize;
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = torch.get_num_threads(), InterOpNumThreads = 1 };
        // ONNX Runtime's idle workers spin by default, holding the cores while libtorch runs its turn; off, so each runtime
        // gets the cores alone during its own step.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        using var session = new InferenceSession(OnnxExport.ToBytes(model), options);
        foreach (var batch in new[] { 1, settings.Batch }.Distinct())
            yield return Case(name, model, session, size, batch, settings);
    }

    private static OnnxBenchResult Case(string name, CnnModel model, InferenceSession session, int size, int batch, OnnxBenchSettings settings)
    {
        long[] shape = [batch, model.Options.InChannels, size, size];
        using var input = rand(shape).mul_(255).sub_(128).div_(64);
        var pixels = input.data<float>().ToArray();
        using var ortInput = OrtValue.CreateTensorValueFromMemory(pixels, shape);
        using var runOptions = new RunOptions();
        string[] inputNames = [session.InputNames[0]], outputNames = [session.OutputNames[0]];

        float[] RunTorch()
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            return model.call(input).data<float>().ToArray();
        }
        float[] RunOrt()
        {
            using var outputs = session.Run(runOptions, inputNames, [ortInput], outputNames);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        var difference = RunTorch().Zip(RunOrt(), (a, b) => (double)Math.Abs(a - b)).Max();

        var timings = InterleavedTimer.Run(() => Time(RunTorch), () => Time(RunOrt), settings.Warmup, settings.Iterations, settings.SecondsPerCase,
            minIterations: 4, maxIterations: 1000);
        return new OnnxBenchResult(name, size, batch, timings.A.Length, TimingStats.From(timings.A, batch), TimingStats.From(timings.B, batch), difference);
    }

    private static double Time(Func<float[]> step)
    {
        var watch = Stopwatch.StartNew();
        step();
        return watch.Elapsed.TotalMilliseconds;
    }
}
