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

    /// <summary>max |libtorch − ONNX Runtime| / max |libtorch| on a random batch.</summary>
    public static double RelativeDifference(CnnModel model, int batch, int seed = 0)
    {
        var size = model.Options.InputSize;
        random.manual_seed(seed);
        using var input = randn(batch, model.Options.InChannels, size, size);
        float[] expected;
        model.eval();
        using (no_grad())
        using (var logits = model.call(input))
            expected = logits.data<float>().ToArray();
        var actual = Run(OnnxExport.ToBytes(model), input);
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
