using System.Globalization;

namespace CnnZoo.Architectures.Analysis;

/// <summary>How a number printed in the lecture compares with the value measured on the real module.</summary>
public enum LectureVerdict
{
    /// <summary>Equal.</summary>
    Exact,
    /// <summary>Equal to the digits printed ("3.2M" for 3,211,264; "1.8×10⁹" for 1.81×10⁹).</summary>
    Rounded,
    /// <summary>Off by more than the printed digits but within 2%.</summary>
    Approximate,
    /// <summary>Wrong: the measured value (usually the lecture's own arithmetic) says otherwise.</summary>
    Misprint,
}

/// <summary>One claim of the lecture, next to what the real module says.</summary>
/// <param name="Quantity">What is compared ("Conv-1 output, weights, biases", "TOTAL memory").</param>
/// <param name="Printed">As printed in the lecture.</param>
/// <param name="Measured">As measured on the module, in the same terms.</param>
/// <param name="Verdict">How they compare.</param>
/// <param name="Note">Why, where it is not exact (computed too).</param>
public sealed record LectureCheck(string Quantity, string Printed, string Measured, LectureVerdict Verdict, string? Note = null)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Compares a printed number with a measured one: exact, rounded (the difference is below the place value of the
    /// last significant printed digit, <paramref name="resolution"/>), approximate (within 2%), else a misprint.
    /// </summary>
    public static LectureVerdict Compare(double printed, double measured, double resolution)
    {
        if (printed == measured) return LectureVerdict.Exact;
        var difference = Math.Abs(measured - printed);
        if (difference < resolution) return LectureVerdict.Rounded;
        return printed != 0 && difference / Math.Abs(printed) <= 0.02 ? LectureVerdict.Approximate : LectureVerdict.Misprint;
    }

    /// <summary>
    /// Compares a number printed as text ("3.2M", "800K", "60k", "34,848", "854M") with a measured one; the resolution is
    /// the place value of the last significant printed digit (trailing zeros of a whole number are not significant).
    /// </summary>
    public static LectureVerdict Compare(string printed, double measured)
    {
        var (value, resolution) = ParsePrinted(printed);
        return Compare(value, measured, resolution);
    }

    /// <summary>The worst of several verdicts (a row with one wrong number is wrong).</summary>
    public static LectureVerdict Worst(params LectureVerdict[] verdicts) => verdicts.Length == 0 ? LectureVerdict.Exact : verdicts.Max();

    /// <summary>Value and resolution of a printed number with an optional K/M/G suffix and thousands separators.</summary>
    public static (double Value, double Resolution) ParsePrinted(string printed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(printed);
        var text = printed.Trim().Replace(",", "", StringComparison.Ordinal);
        var scale = 1.0;
        switch (char.ToUpperInvariant(text[^1]))
        {
            case 'K': scale = 1e3; text = text[..^1]; break;
            case 'M': scale = 1e6; text = text[..^1]; break;
            case 'G': scale = 1e9; text = text[..^1]; break;
        }
        if (!double.TryParse(text, NumberStyles.Float, Invariant, out var number))
            throw new FormatException($"'{printed}' is not a number like 3.2M, 800K or 34,848.");
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        double resolution;
        if (dot >= 0) resolution = Math.Pow(10, -(text.Length - dot - 1));
        else
        {
            var trailingZeros = text.Length - text.TrimEnd('0').Length;
            resolution = number == 0 ? 1 : Math.Pow(10, trailingZeros);
        }
        return (number * scale, resolution * scale);
    }

    /// <summary>"✓ exact", "✓ rounded", "≈ within 2%" or "✗ misprint" (with non-breaking spaces, for table cells).</summary>
    public static string Describe(LectureVerdict verdict) => verdict switch
    {
        LectureVerdict.Exact => "✓\u00a0exact",
        LectureVerdict.Rounded => "✓\u00a0rounded",
        LectureVerdict.Approximate => "≈\u00a0within\u00a02%",
        _ => "✗\u00a0misprint",
    };
}
