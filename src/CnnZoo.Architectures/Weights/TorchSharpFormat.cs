using System.Text;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Weights;

/// <summary>
/// TorchSharp's <c>Module.save</c> layout: LEB128 entry count; per entry a <see cref="BinaryWriter"/> string key,
/// LEB128 dtype (<see cref="ScalarType"/> value), LEB128 rank, LEB128 dims, then the raw element bytes.
/// Parsed here rather than through TorchSharp so that every size is checked before anything is allocated.
/// </summary>
internal static class TorchSharpFormat
{
    private const int MaxRank = 64;
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Write(IReadOnlyDictionary<string, Tensor> tensors, Stream stream)
    {
        using var writer = new BinaryWriter(stream, StrictUtf8, leaveOpen: true);
        WriteLeb128(writer, tensors.Count);
        foreach (var (key, tensor) in tensors)
        {
            writer.Write(key);
            WriteLeb128(writer, (long)tensor.dtype);
            WriteLeb128(writer, tensor.shape.Length);
            foreach (var dim in tensor.shape) WriteLeb128(writer, dim);
            writer.Flush();
            TensorBytes.Write(tensor, stream);
        }
        writer.Flush();
    }

    /// <summary>Throws <see cref="ArgumentException"/> for entries this format cannot store, before any file is created.</summary>
    public static void Validate(IReadOnlyDictionary<string, Tensor> tensors)
    {
        foreach (var (key, tensor) in tensors)
            if (ElementTypes.SizeOf(tensor.dtype) is null)
                throw new ArgumentException($"Tensor '{key}' has element type {tensor.dtype}, which the TorchSharp weights format does not store.", nameof(tensors));
    }

    public static StateDict Read(Stream stream, string path)
    {
        using var reader = new BinaryReader(stream, StrictUtf8, leaveOpen: true);
        long count;
        try { count = ReadLeb128(reader, path, "entry count"); }
        catch (EndOfStreamException) { throw Corrupt(path, "file is empty or its entry count is truncated"); }
        // Every entry takes at least 3 bytes (key length, dtype, rank), so a larger count cannot be genuine.
        if (count > stream.Length / 3)
            throw Corrupt(path, $"entry count {count} is impossible for a file of {stream.Length} bytes");

        var result = new StateDict();
        try
        {
            for (long i = 0; i < count; i++) ReadEntry(reader, result, i, count, path);
            if (stream.Position != stream.Length)
                throw Corrupt(path, $"{stream.Length - stream.Position} unexpected bytes after the last of {count} entries");
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static void ReadEntry(BinaryReader reader, StateDict into, long index, long count, string path)
    {
        var stream = reader.BaseStream;
        var entry = $"entry {index + 1} of {count}";
        try
        {
            var key = ReadKey(reader, path, entry);
            entry += $" ('{key}')";
            var dtypeCode = ReadLeb128(reader, path, entry);
            if (dtypeCode > sbyte.MaxValue || ElementTypes.SizeOf((ScalarType)dtypeCode) is not int elementSize)
                throw Corrupt(path, $"{entry} has unknown or unsupported element type code {dtypeCode}");
            var dtype = (ScalarType)dtypeCode;

            var rank = ReadLeb128(reader, path, entry);
            if (rank > MaxRank) throw Corrupt(path, $"{entry} has rank {rank}, more than {MaxRank}");
            var shape = new long[rank];
            for (int d = 0; d < rank; d++) shape[d] = ReadLeb128(reader, path, entry);

            var bytes = ElementTypes.ByteCount(shape, elementSize);
            var remaining = stream.Length - stream.Position;
            if (bytes is null || bytes > remaining)
                throw Corrupt(path, $"{entry} is truncated: shape {ElementTypes.FormatShape(shape)} of {dtype} needs {bytes?.ToString() ?? "too many"} bytes, {remaining} remain");
            if (into.ContainsKey(key)) throw Corrupt(path, $"{entry} repeats an earlier key");
            into.Add(key, TensorBytes.Read(stream, dtype, shape));
        }
        catch (EndOfStreamException)
        {
            throw Corrupt(path, $"{entry} is truncated");
        }
    }

    private static string ReadKey(BinaryReader reader, string path, string entry)
    {
        int length;
        try { length = reader.Read7BitEncodedInt(); }
        catch (FormatException) { throw Corrupt(path, $"{entry} has a malformed key length"); }
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        if (length < 0 || length > remaining)
            throw Corrupt(path, $"{entry} is truncated: key length {length} exceeds the {remaining} bytes left");
        try { return StrictUtf8.GetString(reader.ReadBytes(length)); }
        catch (DecoderFallbackException) { throw Corrupt(path, $"{entry} has a key that is not valid UTF-8"); }
    }

    private static long ReadLeb128(BinaryReader reader, string path, string what)
    {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7)
        {
            var b = reader.ReadByte();
            value |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw Corrupt(path, $"{what} holds a malformed variable-length integer");
    }

    private static void WriteLeb128(BinaryWriter writer, long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            writer.Write(value == 0 ? b : (byte)(b | 0x80));
        } while (value != 0);
    }

    private static InvalidDataException Corrupt(string path, string what) =>
        new($"Weights file '{path}' (TorchSharp format) is corrupt: {what}.");
}
