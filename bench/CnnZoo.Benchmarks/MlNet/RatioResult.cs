namespace CnnZoo.Benchmarks.MlNet;

/// <summary>
/// One measured ratio: a CnnZoo path (A) against its hand-written TorchSharp baseline (B), timed interleaved in the
/// same process on the same data. <see cref="Ratio"/> = A images/s ÷ B images/s (medians of the rounds).
/// </summary>
/// <param name="Kind">"train" or "score".</param>
/// <param name="Model">Registry name.</param>
/// <param name="Input">The image shape, e.g. <c>1x28x28</c>.</param>
/// <param name="Batch">Images per step or per forward pass.</param>
/// <param name="ImagesPerRound">Images each path processes per timed round.</param>
/// <param name="LabelA">What A is.</param>
/// <param name="LabelB">What B is.</param>
/// <param name="A">A's timings (ms per round).</param>
/// <param name="B">B's timings (ms per round).</param>
/// <param name="MillisecondsA">A's raw round times.</param>
/// <param name="MillisecondsB">B's raw round times, same rounds.</param>
/// <param name="WarmupRounds">Untimed interleaved rounds before them (see <see cref="InterleavedTimer"/>).</param>
/// <param name="Target">Lowest acceptable ratio.</param>
/// <param name="Note">What else was seen (e.g. the trainer's own reported images/s).</param>
public sealed record RatioResult(string Kind, string Model, string Input, int Batch, int ImagesPerRound, string LabelA, string LabelB,
    TimingStats A, TimingStats B, IReadOnlyList<double> MillisecondsA, IReadOnlyList<double> MillisecondsB, int WarmupRounds, double Target, string? Note = null)
{
    /// <summary>A images/s ÷ B images/s (median round times).</summary>
    public double Ratio => A.ImagesPerSecond / B.ImagesPerSecond;

    /// <summary>Median of the per-round ratios (B ms ÷ A ms of the same round): robust to noise bursts that hit both paths of a round.</summary>
    public double RoundRatioMedian => TimingStats.Median(MillisecondsA.Zip(MillisecondsB, (a, b) => b / a).ToArray());

    /// <summary>True when <see cref="Ratio"/> reaches <see cref="Target"/>.</summary>
    public bool Passes => Ratio >= Target;
}
