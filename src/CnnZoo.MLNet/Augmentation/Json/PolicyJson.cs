using System.Text;
using System.Text.Json;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// The stored form of an <see cref="AugmentationPolicy"/>:
/// <c>{"version":1,"ops":[{"op":"RandomCrop","size":32,"padding":4,"paddingMode":"constant"},…]}</c>.
/// Every argument is written, so a policy reads back the same even if a default changes later.
/// </summary>
internal static class PolicyJson
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int Version = 1;

    /// <summary>Name of the property that holds an op's name.</summary>
    public const string OpProperty = "op";

    private static readonly Dictionary<string, Func<JsonOpReader, AugmentationOp>> Readers = new(StringComparer.Ordinal)
    {
        ["RandomCrop"] = RandomCropOp.ReadJson,
        ["RandomResizedCrop"] = RandomResizedCropOp.ReadJson,
        ["HorizontalFlip"] = HorizontalFlipOp.ReadJson,
        ["VerticalFlip"] = VerticalFlipOp.ReadJson,
        ["RandomAffine"] = RandomAffineOp.ReadJson,
        ["ColorJitter"] = ColorJitterOp.ReadJson,
        ["RandomErasing"] = RandomErasingOp.ReadJson,
    };

    public static string Write(IEnumerable<AugmentationOp> ops)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", Version);
            writer.WriteStartArray("ops");
            foreach (var op in ops)
            {
                writer.WriteStartObject();
                writer.WriteString(OpProperty, op.Name);
                op.WriteJsonArguments(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static List<AugmentationOp> Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Invalid($"not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"expected an object {{\"version\":{Version},\"ops\":[…]}}; got {root.ValueKind}");
            }

            CheckVersion(root);
            if (!root.TryGetProperty("ops", out var ops) || ops.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("'ops' must be an array of op objects");
            }

            return ops.EnumerateArray().Select(ReadOp).ToList();
        }
    }

    private static void CheckVersion(JsonElement root)
    {
        if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32Safe(out var number))
        {
            throw Invalid("'version' must be an integer");
        }

        if (number != Version)
        {
            throw Invalid($"version {number} is not supported; this build reads version {Version}");
        }
    }

    private static AugmentationOp ReadOp(JsonElement element, int index)
    {
        var where = $"ops[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{where} must be an object; got {element.ValueKind}");
        }

        if (!element.TryGetProperty(OpProperty, out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            throw Invalid($"{where} needs a string property 'op' naming the op ({KnownOps})");
        }

        var name = nameElement.GetString()!;
        if (!Readers.TryGetValue(name, out var read))
        {
            throw Invalid($"{where} has unknown op '{name}'; known ops: {KnownOps}");
        }

        try
        {
            var reader = new JsonOpReader(element);
            var op = read(reader);
            reader.EnsureNoUnknownProperties();
            return op;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // An ArgumentException's message carries "(Parameter 'x')" and "Actual value" lines; the first line says it all.
            throw Invalid($"{where} ({name}): {e.Message.Split('\n')[0].Trim()}", e);
        }
    }

    private static string KnownOps => string.Join(", ", Readers.Keys);

    private static bool TryGetInt32Safe(this JsonElement element, out int value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out value);
    }

    private static FormatException Invalid(string detail, Exception? inner = null) =>
        new($"Invalid augmentation policy JSON: {detail.TrimEnd('.')}.", inner);
}
