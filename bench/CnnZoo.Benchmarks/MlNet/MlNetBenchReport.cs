namespace CnnZoo.Benchmarks.MlNet;

/// <summary>Everything one <c>cnnzoo bench-mlnet</c> run measured.</summary>
/// <param name="Settings">The settings.</param>
/// <param name="Threads">libtorch intra-op threads used.</param>
/// <param name="Ratios">Training and scoring ratios, in the order measured.</param>
/// <param name="Latencies">PredictionEngine latencies.</param>
/// <param name="Memory">The memory run, if it ran.</param>
/// <param name="Snapshots">Memory after each part (the peak resident set is the process's, so far).</param>
public sealed record MlNetBenchReport(MlNetBenchSettings Settings, int Threads, IReadOnlyList<RatioResult> Ratios, IReadOnlyList<LatencyResult> Latencies,
    MemoryFlatnessResult? Memory, IReadOnlyList<MemorySnapshot> Snapshots)
{
    /// <summary>True when every ratio and the memory growth meet their targets.</summary>
    public bool AllPass => Ratios.All(r => r.Passes) && (Memory?.Passes ?? true);
}
