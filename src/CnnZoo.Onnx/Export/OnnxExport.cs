using CnnZoo.Architectures;
using CnnZoo.Architectures.Weights;
using Google.Protobuf;

namespace CnnZoo.Onnx.Export;

/// <summary>
/// Writes a zoo model as an ONNX model that ONNX Runtime (or ML.NET's <c>ApplyOnnxModel</c>) can serve without libtorch.
/// <list type="bullet">
/// <item>Opset <see cref="OpsetVersion"/> (17), IR version 8; one float32 input [N, C, H, W] with a dynamic batch <c>N</c>
/// and one output, the logits [N, classes] (the probabilities with <see cref="OnnxExportOptions.Softmax"/>). Options add an
/// input normalisation in front, an interleaved [N, H, W, C] input, and metadata entries (a trained pipeline's classes).</item>
/// <item>Eval mode whatever the module's own mode: dropout is left out, BatchNorm is exported as <c>BatchNormalization</c>
/// with the running statistics (not folded into the convolution: ONNX Runtime fuses it when it loads the graph, and the
/// file keeps the trained tensors as they are). GoogLeNet's auxiliary classifiers are not exported.</item>
/// <item>Initializers are named by state_dict key (<c>layer1.0.conv1.weight</c>); the same model gives the same bytes.</item>
/// <item>A module the exporter cannot convert faithfully throws <see cref="NotSupportedException"/> naming its type and
/// state_dict path; no graph is written then.</item>
/// </list>
/// </summary>
public static class OnnxExport
{
    /// <summary>The ONNX operator set the exported graphs use.</summary>
    public const int OpsetVersion = 17;

    /// <summary>Writes <paramref name="model"/> as ONNX to <paramref name="destination"/>.</summary>
    /// <exception cref="NotSupportedException">The model holds a module the exporter does not know; nothing is written.</exception>
    /// <exception cref="ArgumentException">The options are invalid or the input size is one the model refuses.</exception>
    public static void Export(CnnModel model, Stream destination, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var proto = OnnxModelBuilder.Build(model, options ?? new OnnxExportOptions());
        proto.WriteTo(destination);
    }

    /// <summary>Writes <paramref name="model"/> as ONNX to the file <paramref name="path"/> (through a temporary file, so a failure never leaves half a model).</summary>
    /// <exception cref="NotSupportedException">The model holds a module the exporter does not know; no file is written.</exception>
    /// <exception cref="ArgumentException">The options are invalid or the input size is one the model refuses.</exception>
    /// <exception cref="IOException">The file cannot be written (the message names the path); nothing is left under its name.</exception>
    public static void Export(CnnModel model, string path, OnnxExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var proto = OnnxModelBuilder.Build(model, options ?? new OnnxExportOptions());
        WriteFile(path, proto.WriteTo);
    }

    /// <summary>Writes through <c>AtomicFile</c>; a path that cannot be written is an <see cref="IOException"/> naming it.</summary>
    internal static void WriteFile(string path, Action<Stream> write)
    {
        try { AtomicFile.Write(path, write); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot write the ONNX model to '{Path.GetFullPath(path)}': {ex.Message}", ex);
        }
    }

    /// <summary>The ONNX model's bytes.</summary>
    /// <exception cref="NotSupportedException">The model holds a module the exporter does not know.</exception>
    public static byte[] ToBytes(CnnModel model, OnnxExportOptions? options = null) =>
        OnnxModelBuilder.Build(model, options ?? new OnnxExportOptions()).ToByteArray();
}
