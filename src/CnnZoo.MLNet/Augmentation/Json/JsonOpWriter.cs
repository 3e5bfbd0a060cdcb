using System.Text.Json;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>JSON spellings shared by the ops' writers.</summary>
internal static class JsonOpWriter
{
    /// <summary>Writes a (min, max) range as a two-number array, e.g. <c>"scale":[0.08,1]</c>.</summary>
    public static void WriteRange(Utf8JsonWriter writer, string name, (double Min, double Max) range)
    {
        writer.WriteStartArray(name);
        writer.WriteNumberValue(range.Min);
        writer.WriteNumberValue(range.Max);
        writer.WriteEndArray();
    }
}
