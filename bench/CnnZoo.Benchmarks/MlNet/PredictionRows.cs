namespace CnnZoo.Benchmarks.MlNet;

/// <summary>The input row of the benchmark's PredictionEngine: one image (its shape comes from a schema definition).</summary>
public sealed class BenchImageRow
{
    /// <summary>Planar C·H·W pixels, raw scale.</summary>
    public float[] Features { get; set; } = [];
}

/// <summary>The output row of the benchmark's PredictionEngine.</summary>
public sealed class BenchPrediction
{
    /// <summary>Class probabilities.</summary>
    public float[] Score { get; set; } = [];

    /// <summary>The predicted class as a 1-based key.</summary>
    public uint PredictedLabel { get; set; }
}
