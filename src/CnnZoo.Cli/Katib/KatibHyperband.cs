namespace CnnZoo.Cli.Katib;

/// <summary>
/// The arithmetic of Katib's Hyperband suggestion service (pkg/suggestion/v1beta1/hyperband/service.py), ported so
/// the emitter can check that the experiment's first bracket trains to the same epochs as the local comparison's rungs
/// and that the parallelism passes Katib's validation.
/// </summary>
internal static class KatibHyperband
{
    /// <summary>s_max = int(log(r_l) / log(η)), as the service computes it.</summary>
    public static int MaxBracket(int maxEpochs, int eta) => (int)(Math.Log(maxEpochs) / Math.Log(eta));

    /// <summary>The resource of each rung of the first (largest) bracket: int(r_l·η^−s_max·η^i) for i = 0 … s_max.</summary>
    public static IReadOnlyList<int> FirstBracketEpochs(int maxEpochs, int eta)
    {
        var sMax = MaxBracket(maxEpochs, eta);
        var r = maxEpochs * Math.Pow(eta, -sMax);
        return Enumerable.Range(0, sMax + 1).Select(i => (int)(r * Math.Pow(eta, i))).ToList();
    }

    /// <summary>Katib refuses a Hyperband experiment whose parallelTrialCount is below ⌈η^s_max⌉ (ValidateAlgorithmSettings).</summary>
    public static int MinimumParallelTrials(int maxEpochs, int eta) => (int)Math.Ceiling(Math.Pow(eta, MaxBracket(maxEpochs, eta)));
}
