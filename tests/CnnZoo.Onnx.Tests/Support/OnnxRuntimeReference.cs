using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace CnnZoo.Onnx.Tests.Support;

/// <summary>ONNX Runtime on the package's own graphs: preprocess, then ResNet-18, one image at a time (the graphs fix the batch at 1).</summary>
internal sealed class OnnxRuntimeReference(string modelPath, string preprocessPath) : IDisposable
{
    private readonly InferenceSession preprocess = new(preprocessPath);
    private readonly InferenceSession model = new(modelPath);

    /// <summary>The pooled features [N, 512] for RGB pixels [N, 3, H, W] in 0–255.</summary>
    public float[][] Features(Tensor rgbPixels)
    {
        var shape = new long[] { 1, rgbPixels.shape[1], rgbPixels.shape[2], rgbPixels.shape[3] };
        var features = new float[rgbPixels.shape[0]][];
        for (var i = 0; i < features.Length; i++)
        {
            using var image = rgbPixels[i].contiguous();
            var prepared = Run(preprocess, image.data<float>().ToArray(), shape);
            features[i] = Run(model, prepared, shape);
        }
        return features;
    }

    private static float[] Run(InferenceSession session, float[] input, long[] shape)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var options = new RunOptions();
        using var outputs = session.Run(options, [session.InputNames[0]], [value], [session.OutputNames[0]]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose()
    {
        preprocess.Dispose();
        model.Dispose();
    }
}
