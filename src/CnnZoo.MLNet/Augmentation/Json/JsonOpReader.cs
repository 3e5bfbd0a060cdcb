using System.Text.Json;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Reads one op object of the policy JSON. Each read marks its property as known, so that
/// <see cref="EnsureNoUnknownProperties"/> can reject typos instead of silently using a default.
/// Errors are <see cref="FormatException"/>s naming the property.
/// </summary>
internal sealed class JsonOpReader(JsonElement op)
{
    private readonly HashSet<string> known = new(StringComparer.Ordinal) { PolicyJson.OpProperty };

    /// <summary>A required integer.</summary>
    public int Int(string name) =>
        TryGet(name, out var element) ? ToInt(name, element) : throw new FormatException($"'{name}' is required.");

    /// <summary>An optional integer.</summary>
    public int Int(string name, int fallback) => TryGet(name, out var element) ? ToInt(name, element) : fallback;

    /// <summary>An optional number.</summary>
    public double Double(string name, double fallback) => TryGet(name, out var element) ? ToDouble(name, element) : fallback;

    /// <summary>An optional string.</summary>
    public string String(string name, string fallback)
    {
        if (!TryGet(name, out var element))
        {
            return fallback;
        }

        return element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new FormatException($"'{name}' must be a string; got {element.ValueKind}.");
    }

    /// <summary>An optional [min, max] array.</summary>
    public (double Min, double Max) Range(string name, (double Min, double Max) fallback) => OptionalRange(name) ?? fallback;

    /// <summary>An optional [min, max] array that may also be null.</summary>
    public (double Min, double Max)? OptionalRange(string name)
    {
        if (!TryGet(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2)
        {
            throw new FormatException($"'{name}' must be an array of two numbers [min, max]; got {element.GetRawText()}.");
        }

        return (ToDouble(name, element[0]), ToDouble(name, element[1]));
    }

    /// <summary>Throws when the op object has a property no read asked for.</summary>
    public void EnsureNoUnknownProperties()
    {
        var unknown = op.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new FormatException($"unknown propert{(unknown.Count == 1 ? "y" : "ies")} {string.Join(", ", unknown.Select(n => $"'{n}'"))}; known: {string.Join(", ", known.Where(n => n != PolicyJson.OpProperty).Select(n => $"'{n}'"))}.");
        }
    }

    private bool TryGet(string name, out JsonElement element)
    {
        known.Add(name);
        return op.TryGetProperty(name, out element);
    }

    private static int ToInt(string name, JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value)
            ? value
            : throw new FormatException($"'{name}' must be an integer; got {element.GetRawText()}.");

    private static double ToDouble(string name, JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value)
            ? value
            : throw new FormatException($"'{name}' must be a number; got {element.GetRawText()}.");
}
