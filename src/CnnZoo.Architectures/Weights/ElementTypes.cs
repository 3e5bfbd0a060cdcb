using static TorchSharp.torch;

namespace CnnZoo.Architectures.Weights;

/// <summary>Element sizes and safetensors dtype names of the tensor element types the weight files carry.</summary>
internal static class ElementTypes
{
    private static readonly Dictionary<ScalarType, (int Size, string? SafetensorsName)> Known = new()
    {
        [ScalarType.Float32] = (4, "F32"),
        [ScalarType.Float64] = (8, "F64"),
        [ScalarType.Float16] = (2, "F16"),
        [ScalarType.BFloat16] = (2, "BF16"),
        [ScalarType.Int64] = (8, "I64"),
        [ScalarType.Int32] = (4, "I32"),
        [ScalarType.Int16] = (2, "I16"),
        [ScalarType.Int8] = (1, "I8"),
        [ScalarType.Byte] = (1, "U8"),
        [ScalarType.Bool] = (1, "BOOL"),
        // TorchSharp's own format also round-trips complex tensors; safetensors has no name for them.
        [ScalarType.ComplexFloat32] = (8, null),
        [ScalarType.ComplexFloat64] = (16, null),
    };

    private static readonly Dictionary<string, ScalarType> BySafetensorsName = Known
        .Where(kv => kv.Value.SafetensorsName is not null)
        .ToDictionary(kv => kv.Value.SafetensorsName!, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>Bytes per element, or null for element types the weight files do not carry (e.g. quantized).</summary>
    public static int? SizeOf(ScalarType type) => Known.TryGetValue(type, out var info) ? info.Size : null;

    public static string? SafetensorsName(ScalarType type) => Known.TryGetValue(type, out var info) ? info.SafetensorsName : null;

    public static bool TryParseSafetensorsName(string name, out ScalarType type) => BySafetensorsName.TryGetValue(name, out type);

    /// <summary>Element count times element size, or null when that overflows a long.</summary>
    public static long? ByteCount(long[] shape, int elementSize)
    {
        try
        {
            long count = elementSize;
            foreach (var dim in shape) count = checked(count * dim);
            return count;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static string FormatShape(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";
}
