using CnnZoo.Architectures;
using CnnZoo.Onnx.Export;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace CnnZoo.Onnx.Tests.Support;

/// <summary>libtorch's eval-mode logits against ONNX Runtime's on the exported graph, graph optimisations on.</summary>
internal static class ExportParity
{
    /// <summary>Largest allowed max |difference| / max |logit|.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>
    /// max |libtorch − ONNX Runtime| / max |libtorch| on a random batch. libtorch's side is the model's eval forward in
    /// float64 (its float32 copy is what is exported): on an AVX-512 AMD EPYC that hides its caches, libtorch's float32
    /// oneDNN convolutions (planned for 1-byte caches until <c>OneDnnCacheSizes</c>) were off by 4.5 % on GoogLeNet at
    /// 64×64, where float64 and ONNX Runtime agreed to 2e-6, so the float32 forward would test the CPU's kernels rather
    /// than the export.
    /// </summary>
    public static double RelativeDifference(CnnModel model, int batch, int seed = 0)
    {
        var size = model.Options.InputSize;
        random.manual_seed(seed);
        using var input = randn(batch, model.Options.InChannels, size, size);
        model.eval();
        var actual = Run(OnnxExport.ToBytes(model), input);
        float[] expected;
        TorchSharp.ModuleExtensionMethods.to(model, ScalarType.Float64);
        try
        {
            using (no_grad())
            using (var input64 = input.to_type(ScalarType.Float64))
            using (var logits = model.call(input64))
            using (var logits32 = logits.to_type(ScalarType.Float32))
                expected = logits32.data<float>().ToArray();
        }
        finally { TorchSharp.ModuleExtensionMethods.to(model, ScalarType.Float32); } // float32 → float64 → float32 is exact
        Assert.HasCount(expected.Length, actual, "ONNX Runtime's logits have another size than libtorch's");
        Assert.IsTrue(expected.All(float.IsFinite), "libtorch's logits are not finite: the random weights are unusable for a comparison");
        var scale = expected.Max(Math.Abs);
        var difference = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        return difference / scale;
    }

    /// <summary>The exported graph's single output for <paramref name="input"/>, run by ONNX Runtime with every graph optimisation.</summary>
    public static float[] Run(byte[] onnx, Tensor input)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(onnx, options);
        using var contiguous = input.contiguous();
        using var value = OrtValue.CreateTensorValueFromMemory(contiguous.data<float>().ToArray(), input.shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [session.InputNames[0]], [value], [session.OutputNames[0]]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
