namespace CnnZoo.MLNet.Tests;

/// <summary>Compares two scorings of the same rows (one output vector per row).</summary>
internal static class ScoreAssert
{
    /// <summary>
    /// The largest absolute difference is at most <paramref name="tolerance"/>; with <paramref name="relative"/> it is
    /// taken relative to the largest absolute expected value (features have no fixed scale, probabilities do).
    /// </summary>
    public static void Close(float[][] expected, float[][] actual, float tolerance, string what, bool relative = false)
    {
        Assert.HasCount(expected.Length, actual, what);
        var scale = relative ? expected.SelectMany(r => r).Max(Math.Abs) : 1f;
        var difference = expected.Zip(actual, (e, a) => e.Zip(a, (x, y) => Math.Abs(x - y)).Max()).Max() / scale;
        Console.WriteLine($"{what}: max difference {difference:E2}");
        Assert.IsLessThanOrEqualTo(tolerance, difference, $"{what}: differ by {difference:E2}");
    }
}
