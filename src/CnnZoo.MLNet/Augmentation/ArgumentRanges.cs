using static System.FormattableString;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Argument checks shared by the augmentation ops. Every message names the argument and the allowed range, and
/// the comparisons are written so that NaN fails them.
/// </summary>
internal static class ArgumentRanges
{
    /// <summary>Requires <paramref name="value"/> ≥ <paramref name="min"/>.</summary>
    public static int AtLeast(int value, int min, string name) =>
        value >= min ? value : throw Fail(name, value, Invariant($"{name} must be an integer in [{min}, +∞); got {value}."));

    /// <summary>Requires a probability in [0, 1].</summary>
    public static double Probability(double value, string name) =>
        value >= 0 && value <= 1 ? value : throw Fail(name, value, Invariant($"{name} must be a probability in [0, 1]; got {value}."));

    /// <summary>Requires a finite value ≥ 0.</summary>
    public static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw Fail(name, value, Invariant($"{name} must be a finite number in [0, +∞); got {value}."));

    /// <summary>Requires a finite value in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public static double InHalfOpen(double value, double min, double maxExclusive, string name) =>
        value >= min && value < maxExclusive ? value : throw Fail(name, value, Invariant($"{name} must be in [{min}, {maxExclusive}); got {value}."));

    /// <summary>Requires a finite value in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static double InClosed(double value, double min, double max, string name) =>
        value >= min && value <= max ? value : throw Fail(name, value, Invariant($"{name} must be in [{min}, {max}]; got {value}."));

    /// <summary>Requires any finite value (fill values may be negative for normalised inputs).</summary>
    public static float Finite(float value, string name) =>
        float.IsFinite(value) ? value : throw Fail(name, value, Invariant($"{name} must be a finite number; got {value}."));

    /// <summary>Requires 0 &lt; Min ≤ Max ≤ <paramref name="upper"/> (or unbounded above when <paramref name="upper"/> is null).</summary>
    public static (double Min, double Max) PositiveRange((double Min, double Max) range, double? upper, string name)
    {
        var (min, max) = range;
        var bounded = upper is null ? double.IsFinite(max) : max <= upper.Value;
        if (min > 0 && min <= max && bounded)
        {
            return range;
        }

        var allowed = upper is null ? "0 < min ≤ max < +∞" : Invariant($"0 < min ≤ max ≤ {upper.Value}");
        throw Fail(name, range, Invariant($"{name} must satisfy {allowed}; got ({min}, {max})."));
    }

    private static ArgumentOutOfRangeException Fail(string name, object value, string message) => new(name, value, message);
}
