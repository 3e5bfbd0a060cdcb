using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CnnZoo.Benchmarks;

/// <summary>What every benchmark report file shares: CSV for a <c>.csv</c> path, JSON otherwise, and the number formats.</summary>
public static class ReportFile
{
    /// <summary>Indented camel-case JSON with enums as strings.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Writes <paramref name="csv"/>() or <paramref name="json"/>() to <paramref name="path"/> by its extension; returns "csv" or "json".</summary>
    public static string Write(string path, Func<string> csv, Func<string> json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        var isCsv = full.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        File.WriteAllText(full, isCsv ? csv() : json(), new UTF8Encoding(false));
        return isCsv ? "csv" : "json";
    }

    /// <summary>An integer in invariant culture.</summary>
    public static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A number with up to four decimals, invariant culture.</summary>
    public static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
