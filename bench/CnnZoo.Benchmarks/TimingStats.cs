namespace CnnZoo.Benchmarks;

/// <summary>Summary of the per-iteration times of one net in one mode.</summary>
/// <param name="MedianMs">Median milliseconds per iteration.</param>
/// <param name="MinMs">Fastest iteration.</param>
/// <param name="MaxMs">Slowest iteration.</param>
/// <param name="MeanMs">Mean.</param>
/// <param name="ImagesPerSecond">Batch size ÷ median time.</param>
public sealed record TimingStats(double MedianMs, double MinMs, double MaxMs, double MeanMs, double ImagesPerSecond)
{
    /// <summary>Statistics of <paramref name="milliseconds"/> for batches of <paramref name="batch"/> images.</summary>
    public static TimingStats From(IReadOnlyList<double> milliseconds, int batch)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0) throw new ArgumentException("No timings.", nameof(milliseconds));
        var median = Median(milliseconds);
        return new TimingStats(median, milliseconds.Min(), milliseconds.Max(), milliseconds.Average(), batch * 1000.0 / median);
    }

    /// <summary>The median (mean of the two middle values for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
