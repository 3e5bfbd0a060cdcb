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

    /// <summary>
    /// Gives every BatchNorm the statistics of a random batch (one training-mode pass with momentum 1) and perturbs its
    /// affine terms, so that exporting each is tested; statistics that match the data keep a 1,202-layer net finite.
    /// </summary>
    public static void RandomizeNormalization(CnnModel model, int seed = 1)
    {
        random.manual_seed(seed);
        var norms = model.modules().OfType<TorchSharp.Modules.BatchNorm2d>().ToList();
        if (norms.Count == 0) return;
        foreach (var norm in norms) norm.momentum = 1.0;
        var size = model.Options.InputSize;
        model.train();
        using (no_grad())
        using (var batch = randn(4, model.Options.InChannels, size, size))
        using (model.call(batch)) { }
        model.eval();
        using var _ = no_grad();
        foreach (var norm in norms)
        {
            norm.weight!.add_(randn_like(norm.weight) * 0.2);
            norm.bias!.add_(randn_like(norm.bias) * 0.2);
        }
    }
}
