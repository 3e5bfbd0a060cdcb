using System.Globalization;

namespace CnnZoo.MLNet.Training;

/// <summary>Range checks for <see cref="TrainingSettings"/> whose messages name the option, the allowed range and the value.</summary>
internal static class SettingsChecks
{
    private const string ParamName = "settings";

    public static void AtLeast(string option, int value, int minimum)
    {
        if (value < minimum) throw new ArgumentOutOfRangeException(ParamName, value, $"TrainingSettings.{option} must be at least {minimum}; got {value}.");
    }

    public static void Positive(string option, double value)
    {
        if (!(value > 0 && double.IsFinite(value)))
            throw new ArgumentOutOfRangeException(ParamName, value, Invariant($"TrainingSettings.{option} must be a finite number greater than 0; got {value}."));
    }

    public static void NonNegative(string option, double value)
    {
        if (!(value >= 0 && double.IsFinite(value)))
            throw new ArgumentOutOfRangeException(ParamName, value, Invariant($"TrainingSettings.{option} must be a finite number of at least 0; got {value}."));
    }

    public static void InRange(string option, double value, double lower, double upper, bool lowerInclusive = true, bool upperInclusive = true)
    {
        var aboveLower = lowerInclusive ? value >= lower : value > lower;
        var belowUpper = upperInclusive ? value <= upper : value < upper;
        if (!(aboveLower && belowUpper))
        {
            var range = $"{(lowerInclusive ? "[" : "(")}{lower.ToString(CultureInfo.InvariantCulture)}, {upper.ToString(CultureInfo.InvariantCulture)}{(upperInclusive ? "]" : ")")}";
            throw new ArgumentOutOfRangeException(ParamName, value, Invariant($"TrainingSettings.{option} must be in {range}; got {value}."));
        }
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
