using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace CnnZoo.Onnx.IO;

/// <summary>Builds <c>TensorProto</c> initializers and graph value types, the writing side of <see cref="OnnxTensors"/>.</summary>
internal static class OnnxTensorWriting
{
    /// <summary>A float32 initializer, its values as little-endian <c>raw_data</c> (the compact encoding current exporters use).</summary>
    public static TensorProto Floats(string name, long[] dims, ReadOnlySpan<float> values) =>
        Raw(name, dims, TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(values));

    /// <summary>An int64 initializer (axes, pads, slice bounds).</summary>
    public static TensorProto Int64s(string name, ReadOnlySpan<long> values) =>
        Raw(name, [values.Length], TensorProto.Types.DataType.Int64, MemoryMarshal.AsBytes(values));

    private static TensorProto Raw(string name, long[] dims, TensorProto.Types.DataType type, ReadOnlySpan<byte> bytes)
    {
        // raw_data is little-endian by the ONNX spec; the span is the machine's own layout.
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Writing ONNX initializers needs a little-endian machine.");
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    /// <summary>A float32 graph input or output of the given shape; a negative dimension becomes the symbolic batch dimension <c>N</c>.</summary>
    public static ValueInfoProto FloatValue(string name, IEnumerable<long> shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dim in shape)
            tensorShape.Dim.Add(dim < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "N" } : new TensorShapeProto.Types.Dimension { DimValue = dim });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = tensorShape } },
        };
    }
}
