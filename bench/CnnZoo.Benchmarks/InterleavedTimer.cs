namespace CnnZoo.Benchmarks;

/// <summary>
/// Times two step functions in the same process, interleaved in ABBA order (A B, B A, A B …) so drift in clock speed,
/// caches or background load hits both alike. Each call of a step function returns its own elapsed milliseconds.
/// </summary>
public static class InterleavedTimer
{
    /// <summary>A warm-up round compiling fewer methods than this counts as quiet.</summary>
    public const int QuietMethodsPerRound = 10;

    /// <summary>How long (in the steps' own milliseconds) warm-up rounds must have been quiet before timing starts.</summary>
    public const double QuietSeconds = 3;

    /// <summary>Timings of both functions, round by round.</summary>
    /// <param name="A">Times of the first function.</param>
    /// <param name="B">Times of the second function, same rounds.</param>
    /// <param name="WarmupRounds">Untimed rounds run before them.</param>
    public sealed record Timings(double[] A, double[] B, int WarmupRounds);

    /// <summary>Runs untimed warm-up rounds, then timed rounds, each round calling both functions once.</summary>
    /// <param name="a">The first step function; returns its elapsed milliseconds.</param>
    /// <param name="b">The second step function; returns its elapsed milliseconds.</param>
    /// <param name="warmup">Untimed rounds at least.</param>
    /// <param name="iterations">Timed rounds exactly; null: an even number of rounds, at least <paramref name="minIterations"/>,
    /// until they have taken <paramref name="budgetSeconds"/> or <paramref name="maxIterations"/> is reached.</param>
    /// <param name="budgetSeconds">Time the timed rounds may take when <paramref name="iterations"/> is null.</param>
    /// <param name="minIterations">Fewest timed rounds when <paramref name="iterations"/> is null.</param>
    /// <param name="maxIterations">Most timed rounds when <paramref name="iterations"/> is null.</param>
    /// <param name="onRound">Called after each timed round with its 1-based number.</param>
    /// <param name="settleSeconds">
    /// How long warm-up may go on past <paramref name="warmup"/> rounds while the JIT is still busy: tiered compilation
    /// recompiles hot methods on a background thread for seconds after start-up (ML.NET's per-row code especially),
    /// taking a core from libtorch's threads, so rounds timed meanwhile measure the JIT. Warm-up ends once the rounds of
    /// the last <see cref="QuietSeconds"/> each compiled fewer than <see cref="QuietMethodsPerRound"/> methods, or when
    /// warm-up has taken this long. 0 runs exactly <paramref name="warmup"/> rounds.
    /// </param>
    /// <param name="compiledMethodCount">Methods compiled so far (default <see cref="System.Runtime.JitInfo.GetCompiledMethodCount"/>).</param>
    public static Timings Run(Func<double> a, Func<double> b, int warmup, int? iterations, double budgetSeconds,
        int minIterations = BenchSettings.MinAutoIterations, int maxIterations = BenchSettings.MaxAutoIterations, Action<int>? onRound = null,
        double settleSeconds = 0, Func<long>? compiledMethodCount = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var warmupRounds = WarmUp(a, b, warmup, settleSeconds, compiledMethodCount ?? (() => System.Runtime.JitInfo.GetCompiledMethodCount()));

        var timesA = new List<double>();
        var timesB = new List<double>();
        var spentMs = 0.0;
        for (var round = 0; ; round++)
        {
            if (iterations is int n ? round >= n
                : round >= maxIterations || (round >= minIterations && round % 2 == 0 && spentMs >= budgetSeconds * 1000))
                break;
            var (ta, tb) = Round(a, b, round);
            timesA.Add(ta);
            timesB.Add(tb);
            spentMs += ta + tb;
            onRound?.Invoke(round + 1);
        }
        return new Timings([.. timesA], [.. timesB], warmupRounds);
    }

    private static int WarmUp(Func<double> a, Func<double> b, int warmup, double settleSeconds, Func<long> compiledMethodCount)
    {
        double spentMs = 0, quietMs = 0;
        var rounds = 0;
        while (rounds < warmup || (settleSeconds > 0 && quietMs < QuietSeconds * 1000 && spentMs < settleSeconds * 1000))
        {
            var compiledBefore = compiledMethodCount();
            var (ta, tb) = Round(a, b, rounds++);
            spentMs += ta + tb;
            quietMs = compiledMethodCount() - compiledBefore < QuietMethodsPerRound ? quietMs + ta + tb : 0;
        }
        return rounds;
    }

    private static (double A, double B) Round(Func<double> a, Func<double> b, int round)
    {
        double ta, tb;
        if (round % 2 == 0) { ta = a(); tb = b(); }
        else { tb = b(); ta = a(); }
        return (ta, tb);
    }
}
