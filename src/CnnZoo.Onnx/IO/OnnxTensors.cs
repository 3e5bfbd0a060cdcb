using System.Buffers.Binary;
using Onnx;

namespace CnnZoo.Onnx.IO;

/// <summary>Float32 initializers out of a <c>TensorProto</c>, whichever of its two encodings the producer chose.</summary>
internal static class OnnxTensors
{
    /// <summary>The dimensions of <paramref name="tensor"/>.</summary>
    public static long[] Shape(TensorProto tensor) => tensor.Dims.ToArray();

    /// <summary>
    /// The values of a float32 tensor, from <c>float_data</c> (CNTK, older exporters) or little-endian <c>raw_data</c>
    /// (PyTorch, most current exporters); checks the count against the dimensions and that every value is finite.
    /// </summary>
    /// <exception cref="InvalidDataException">Another element type, external data, a wrong count or a non-finite value.</exception>
    public static float[] ReadFloats(TensorProto tensor, string source)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"{source}: initializer '{tensor.Name}' has ONNX element type {tensor.DataType}; only float32 (1) is supported.");
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            throw new InvalidDataException($"{source}: initializer '{tensor.Name}' keeps its data in an external file, which is not supported.");
        var count = Shape(tensor).Aggregate(1L, (a, d) => a * d);
        float[] values;
        if (tensor.RawData.Length > 0)
        {
            if (tensor.RawData.Length != count * sizeof(float))
                throw new InvalidDataException($"{source}: initializer '{tensor.Name}' has {tensor.RawData.Length} bytes of raw data; its shape [{string.Join(", ", tensor.Dims)}] needs {count * sizeof(float)}.");
            values = new float[count];
            var bytes = tensor.RawData.Span;
            for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        }
        else
        {
            if (tensor.FloatData.Count != count)
                throw new InvalidDataException($"{source}: initializer '{tensor.Name}' has {tensor.FloatData.Count} values; its shape [{string.Join(", ", tensor.Dims)}] needs {count}.");
            values = new float[count];
            tensor.FloatData.CopyTo(values, 0);
        }
        if (!values.All(float.IsFinite))
            throw new InvalidDataException($"{source}: initializer '{tensor.Name}' holds NaN or infinite values.");
        return values;
    }
}
