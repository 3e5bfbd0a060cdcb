using System.Globalization;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// Range checks whose messages name the option as the caller knows it — <c>TrainingSettings.Epochs</c> for engine
/// settings, <c>CnnTrainer.Options.Epochs</c> for the trainer's options — with the allowed range and the value.
/// </summary>
/// <param name="owner">The type the options are set on, as the user writes it.</param>
internal sealed class SettingsChecks(string owner)
{
    public static readonly SettingsChecks Settings = new("TrainingSettings");
    public static readonly SettingsChecks TrainerOptions = new("CnnTrainer.Options");

    /// <summary>The option's full name, e.g. <c>CnnTrainer.Options.Epochs</c>.</summary>
    public string Name(string option) => $"{owner}.{option}";

    public void AtLeast(string option, int value, int minimum)
    {
        if (value < minimum) throw new ArgumentOutOfRangeException(option, value, $"{Name(option)} must be at least {minimum}; got {value}.");
    }

    public void Positive(string option, double value)
    {
        if (!(value > 0 && double.IsFinite(value)))
            throw new ArgumentOutOfRangeException(option, value, Invariant($"{Name(option)} must be a finite number greater than 0; got {value}."));
    }

    public void NonNegative(string option, double value)
    {
        if (!(value >= 0 && double.IsFinite(value)))
            throw new ArgumentOutOfRangeException(option, value, Invariant($"{Name(option)} must be a finite number of at least 0; got {value}."));
    }

    public void InRange(string option, double value, double lower, double upper, bool lowerInclusive = true, bool upperInclusive = true)
    {
        var aboveLower = lowerInclusive ? value >= lower : value > lower;
        var belowUpper = upperInclusive ? value <= upper : value < upper;
        if (!(aboveLower && belowUpper))
        {
            var range = $"{(lowerInclusive ? "[" : "(")}{lower.ToString(CultureInfo.InvariantCulture)}, {upper.ToString(CultureInfo.InvariantCulture)}{(upperInclusive ? "]" : ")")}";
            throw new ArgumentOutOfRangeException(option, value, Invariant($"{Name(option)} must be in {range}; got {value}."));
        }
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
