using System.Buffers.Binary;
using System.Text.Json;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Weights;

/// <summary>
/// The safetensors layout: u64 little-endian header length N, N bytes of UTF-8 JSON
/// <c>{"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {string: string}}</c>,
/// then the data section, offsets relative to its start. The whole header is validated before any tensor is allocated.
/// </summary>
internal static class SafetensorsFormat
{
    private const string MetadataKey = "__metadata__";
    // The reference implementation's limit; a larger header means a corrupt length field, not a real file.
    private const long MaxHeaderLength = 100_000_000;

    private sealed record TensorInfo(string Name, ScalarType DType, long[] Shape, long Begin, long End);

    public static void Validate(IReadOnlyDictionary<string, Tensor> tensors)
    {
        foreach (var (key, tensor) in tensors)
        {
            if (key == MetadataKey)
                throw new ArgumentException($"'{MetadataKey}' is reserved in safetensors and cannot name a tensor.", nameof(tensors));
            if (ElementTypes.SafetensorsName(tensor.dtype) is null)
                throw new ArgumentException($"Tensor '{key}' has element type {tensor.dtype}, which safetensors cannot store.", nameof(tensors));
        }
    }

    public static void Write(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata, Stream stream)
    {
        var header = BuildHeader(tensors, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var tensor in tensors.Values) TensorBytes.Write(tensor, stream);
    }

    private static byte[] BuildHeader(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (key, tensor) in tensors)
            {
                var shape = tensor.shape;
                var end = offset + ElementTypes.ByteCount(shape, ElementTypes.SizeOf(tensor.dtype)!.Value)!.Value;
                json.WriteStartObject(key);
                json.WriteString("dtype", ElementTypes.SafetensorsName(tensor.dtype));
                json.WriteStartArray("shape");
                foreach (var dim in shape) json.WriteNumberValue(dim);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }
            json.WriteEndObject();
        }
        // Pad with spaces (valid JSON whitespace) so the data section starts 8-byte aligned, as the reference writer does.
        while ((8 + buffer.Length) % 8 != 0) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    public static StateDict Read(Stream stream, string path)
    {
        var fileLength = stream.Length;
        if (fileLength < 8)
            throw Corrupt(path, $"file of {fileLength} bytes is too short for the 8-byte header length");
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)(fileLength - 8))
            throw Corrupt(path, $"header length {headerLength} exceeds file size {fileLength}");
        if (headerLength > MaxHeaderLength)
            throw Corrupt(path, $"header length {headerLength} exceeds the {MaxHeaderLength}-byte limit");

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        long dataStart = 8 + (long)headerLength;
        var (infos, metadata) = ParseHeader(header, fileLength - dataStart, path);

        var result = new StateDict { Metadata = metadata };
        try
        {
            foreach (var info in infos)
            {
                stream.Position = dataStart + info.Begin;
                result.Add(info.Name, TensorBytes.Read(stream, info.DType, info.Shape));
            }
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static (List<TensorInfo>, Dictionary<string, string>) ParseHeader(byte[] header, long dataLength, string path)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(header); }
        catch (JsonException ex) { throw Corrupt(path, $"header is not valid JSON ({ex.Message})"); }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Corrupt(path, $"header is a JSON {document.RootElement.ValueKind}, not an object");

            var infos = new List<TensorInfo>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    throw Corrupt(path, $"header names '{property.Name}' twice");
                if (property.Name == MetadataKey)
                    ParseMetadata(property.Value, metadata, path);
                else
                    infos.Add(ParseTensorInfo(property.Name, property.Value, dataLength, path));
            }
            return (infos, metadata);
        }
    }

    private static void ParseMetadata(JsonElement element, Dictionary<string, string> into, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Corrupt(path, $"'{MetadataKey}' is a JSON {element.ValueKind}, not an object");
        foreach (var entry in element.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw Corrupt(path, $"'{MetadataKey}' entry '{entry.Name}' is a JSON {entry.Value.ValueKind}, not a string");
            into[entry.Name] = entry.Value.GetString()!;
        }
    }

    private static TensorInfo ParseTensorInfo(string name, JsonElement element, long dataLength, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Corrupt(path, $"tensor '{name}' is described by a JSON {element.ValueKind}, not an object");

        if (!element.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Corrupt(path, $"tensor '{name}' has no string 'dtype'");
        var dtypeName = dtypeElement.GetString()!;
        if (!ElementTypes.TryParseSafetensorsName(dtypeName, out var dtype))
            throw Corrupt(path, $"tensor '{name}' has unsupported dtype '{dtypeName}'");

        var shape = ReadIntegers(element, "shape", name, path);
        var offsets = ReadIntegers(element, "data_offsets", name, path);
        if (offsets.Length != 2)
            throw Corrupt(path, $"tensor '{name}' data_offsets has {offsets.Length} values, not 2");
        var (begin, end) = (offsets[0], offsets[1]);
        if (begin > end || end > dataLength)
            throw Corrupt(path, $"tensor '{name}' data_offsets [{begin}, {end}] outside data section of {dataLength} bytes");

        var needed = ElementTypes.ByteCount(shape, ElementTypes.SizeOf(dtype)!.Value);
        if (needed != end - begin)
            throw Corrupt(path, $"tensor '{name}' data_offsets [{begin}, {end}] span {end - begin} bytes but {dtypeName} {ElementTypes.FormatShape(shape)} needs {needed?.ToString() ?? "too many"}");
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static long[] ReadIntegers(JsonElement element, string property, string name, string path)
    {
        if (!element.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
            throw Corrupt(path, $"tensor '{name}' has no '{property}' array");
        var values = new long[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var value) || value < 0)
                throw Corrupt(path, $"tensor '{name}' '{property}' holds {item.GetRawText()}, not a non-negative integer");
            values[i++] = value;
        }
        return values;
    }

    private static InvalidDataException Corrupt(string path, string what) =>
        new($"Weights file '{path}' (safetensors) is corrupt: {what}.");
}
