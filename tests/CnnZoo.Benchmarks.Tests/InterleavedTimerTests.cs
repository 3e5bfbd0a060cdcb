
namespace CnnZoo.Benchmarks.Tests;

[TestClass]
public sealed class InterleavedTimerTests
{
    // Each step "takes" 100 ms (its return value), so a round is 200 ms and the policy is deterministic.
    private static double Step() => 100;

    [TestMethod]
    public void WarmUpGoesOnUntilTheJitHasBeenQuietLongEnough()
    {
        var compiled = 0L;
        var calls = 0;
        // The counter is read before and after every warm-up round; the first 5 rounds each compile 100 methods.
        long Counter() => calls++ % 2 == 0 || calls > 10 ? compiled : compiled += 100;

        var timings = InterleavedTimer.Run(Step, Step, warmup: 1, iterations: 2, budgetSeconds: 0, settleSeconds: 60, compiledMethodCount: Counter);

        var quietRounds = (int)Math.Ceiling(InterleavedTimer.QuietSeconds * 1000 / 200);
        Assert.AreEqual(5 + quietRounds, timings.WarmupRounds);
        Assert.AreEqual(2, timings.A.Length);
    }

    [TestMethod]
    public void WarmUpStopsAtTheSettleLimitWhenTheJitNeverQuietens()
    {
        var compiled = 0L;
        var timings = InterleavedTimer.Run(Step, Step, warmup: 1, iterations: 1, budgetSeconds: 0, settleSeconds: 3, compiledMethodCount: () => compiled += 1000);

        Assert.AreEqual(15, timings.WarmupRounds); // 3 s of 200 ms rounds
    }

    [TestMethod]
    public void WithoutSettlingWarmUpIsExactlyTheGivenRounds()
    {
        var compiled = 0L;
        var aCalls = 0;
        var timings = InterleavedTimer.Run(() => { aCalls++; return 100; }, Step, warmup: 3, iterations: 4, budgetSeconds: 0, compiledMethodCount: () => compiled += 1000);

        Assert.AreEqual(3, timings.WarmupRounds);
        Assert.AreEqual(7, aCalls);
    }
}
