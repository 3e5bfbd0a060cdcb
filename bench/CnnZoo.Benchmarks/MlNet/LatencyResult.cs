namespace CnnZoo.Benchmarks.MlNet;

/// <summary>Single-image latency of <c>PredictionEngine.Predict</c>, with a raw forward pass of one image timed alongside.</summary>
/// <param name="Model">Registry name.</param>
/// <param name="Input">The image shape, e.g. <c>1x28x28</c>.</param>
/// <param name="Predictions">Timed predictions.</param>
/// <param name="MedianMs">Median ms per prediction.</param>
/// <param name="P95Ms">95th percentile ms.</param>
/// <param name="MeanMs">Mean ms.</param>
/// <param name="RawMedianMs">Median ms of a raw one-image forward (normalise, forward, softmax, copy out), interleaved with the predictions.</param>
/// <param name="RawP95Ms">95th percentile of the raw forward.</param>
public sealed record LatencyResult(string Model, string Input, int Predictions, double MedianMs, double P95Ms, double MeanMs, double RawMedianMs, double RawP95Ms)
{
    /// <summary>The value at quantile <paramref name="q"/> (0–1) of <paramref name="values"/>, nearest rank.</summary>
    public static double Percentile(IReadOnlyList<double> values, double q)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
