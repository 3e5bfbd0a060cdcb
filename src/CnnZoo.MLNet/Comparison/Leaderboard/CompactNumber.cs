namespace CnnZoo.MLNet.Comparison;

/// <summary>Large counts in a few characters, for tables and axis labels.</summary>
internal static class CompactNumber
{
    /// <summary>10.2K, 1.3M, 4.1G.</summary>
    public static string Format(double value)
    {
        var (scaled, suffix) = Math.Abs(value) switch
        {
            >= 1e9 => (value / 1e9, "G"),
            >= 1e6 => (value / 1e6, "M"),
            >= 1e3 => (value / 1e3, "K"),
            _ => (value, ""),
        };
        return scaled.ToString(scaled >= 100 || suffix.Length == 0 ? "0" : "0.#", System.Globalization.CultureInfo.InvariantCulture) + suffix;
    }
}
