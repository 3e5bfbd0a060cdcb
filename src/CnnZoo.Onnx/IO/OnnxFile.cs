using Google.Protobuf;
using Onnx;

namespace CnnZoo.Onnx.IO;

/// <summary>Reads an ONNX file into OnnxSharp's protobuf types, turning every way a file can be unreadable into one clear error.</summary>
internal static class OnnxFile
{
    /// <summary>Parses <paramref name="path"/> as an ONNX <c>ModelProto</c> with a graph.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, corrupt or not ONNX.</exception>
    public static ModelProto Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"No ONNX file at '{path}'.", path);
        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{path}' is not a readable ONNX file (truncated or corrupt: {e.Message}). Restore or reinstall the package that ships it.", e);
        }
        // Protobuf accepts many byte strings (even an empty file) as a message with default fields; a model without a graph is one of them.
        if (model.Graph is null || model.Graph.Node.Count == 0)
            throw new InvalidDataException($"'{path}' holds no ONNX graph (truncated, corrupt or not an ONNX model).");
        return model;
    }
}
