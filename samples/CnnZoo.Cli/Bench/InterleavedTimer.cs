namespace CnnZoo.Cli.Bench;

/// <summary>
/// Times two step functions in the same process, interleaved in ABBA order (A B, B A, A B …) so drift in clock speed,
/// caches or background load hits both alike. Each call of a step function returns its own elapsed milliseconds.
/// </summary>
public static class InterleavedTimer
{
    /// <summary>Timings of both functions, round by round.</summary>
    /// <param name="A">Times of the first function.</param>
    /// <param name="B">Times of the second function, same rounds.</param>
    public sealed record Timings(double[] A, double[] B);

    /// <summary>
    /// Runs <paramref name="warmup"/> untimed rounds, then timed rounds: exactly <paramref name="iterations"/> when given;
    /// otherwise an even number of rounds, at least <paramref name="minIterations"/>, until the timed rounds have taken
    /// <paramref name="budgetSeconds"/> or <paramref name="maxIterations"/> is reached.
    /// </summary>
    public static Timings Run(Func<double> a, Func<double> b, int warmup, int? iterations, double budgetSeconds,
        int minIterations = BenchSettings.MinAutoIterations, int maxIterations = BenchSettings.MaxAutoIterations, Action<int>? onRound = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        for (var i = 0; i < warmup; i++)
        {
            if (i % 2 == 0) { a(); b(); }
            else { b(); a(); }
        }

        var timesA = new List<double>();
        var timesB = new List<double>();
        var spentMs = 0.0;
        for (var round = 0; ; round++)
        {
            if (iterations is int n ? round >= n
                : round >= maxIterations || (round >= minIterations && round % 2 == 0 && spentMs >= budgetSeconds * 1000))
                break;
            double ta, tb;
            if (round % 2 == 0) { ta = a(); tb = b(); }
            else { tb = b(); ta = a(); }
            timesA.Add(ta);
            timesB.Add(tb);
            spentMs += ta + tb;
            onRound?.Invoke(round + 1);
        }
        return new Timings([.. timesA], [.. timesB]);
    }
}
