namespace CnnZoo.Benchmarks;

/// <summary>How the two nets of one benchmarked model compare structurally.</summary>
/// <param name="Model">Registry name.</param>
/// <param name="CnnZooParameters">Trainable parameters of the CnnZoo model.</param>
/// <param name="TorchVisionParameters">Trainable parameters of TorchVision's model.</param>
/// <param name="WeightsCopied">True when CnnZoo's state_dict loaded into TorchVision's model by name (strict), so both run identical weights.</param>
/// <param name="MaxAbsLogitDifference">With copied weights: the largest |difference| of the eval-mode logits on the benchmark batch.</param>
/// <param name="Note">Why the weights could not be copied, if they could not.</param>
public sealed record BenchModelCheck(string Model, long CnnZooParameters, long TorchVisionParameters, bool WeightsCopied, double? MaxAbsLogitDifference, string? Note)
{
    /// <summary>True when the parameter counts agree.</summary>
    public bool SameParameterCount => CnnZooParameters == TorchVisionParameters;
}

/// <summary>Timings of one model in one mode, CnnZoo (A) against TorchVision (B), measured interleaved.</summary>
/// <param name="Model">Registry name.</param>
/// <param name="Mode">Forward or train.</param>
/// <param name="Batch">Images per iteration.</param>
/// <param name="InputSize">Square input side.</param>
/// <param name="Iterations">Timed rounds (one iteration of each net per round).</param>
/// <param name="CnnZoo">CnnZoo's times.</param>
/// <param name="TorchVision">TorchVision's times.</param>
/// <param name="CnnZooMs">Raw per-iteration times of CnnZoo, ms.</param>
/// <param name="TorchVisionMs">Raw per-iteration times of TorchVision, ms, same rounds.</param>
public sealed record BenchResult(string Model, BenchMode Mode, int Batch, int InputSize, int Iterations, TimingStats CnnZoo, TimingStats TorchVision,
    IReadOnlyList<double> CnnZooMs, IReadOnlyList<double> TorchVisionMs)
{
    /// <summary>Target lower bound of <see cref="Ratio"/>.</summary>
    public const double TargetRatio = 0.97;

    /// <summary>CnnZoo images/s ÷ TorchVision images/s (median based); above 1 means CnnZoo is faster.</summary>
    public double Ratio => CnnZoo.ImagesPerSecond / TorchVision.ImagesPerSecond;

    /// <summary>Median of the per-round ratios (TorchVision ms ÷ CnnZoo ms of the same round): robust to bursts of machine noise that hit both nets of a round.</summary>
    public double RoundRatioMedian => TimingStats.Median(RoundRatios().ToArray());

    /// <summary>Smallest per-round ratio (TorchVision ms ÷ CnnZoo ms of the same round).</summary>
    public double RatioMin => RoundRatios().Min();

    /// <summary>Largest per-round ratio.</summary>
    public double RatioMax => RoundRatios().Max();

    /// <summary>True when <see cref="Ratio"/> reaches <see cref="TargetRatio"/>.</summary>
    public bool MeetsTarget => Ratio >= TargetRatio;

    private IEnumerable<double> RoundRatios() => CnnZooMs.Zip(TorchVisionMs, (a, b) => b / a);
}
