namespace CnnZoo.MLNet.Training;

/// <summary>
/// How the learning rate changes over training; combined with <see cref="TrainingSettings.WarmupEpochs"/>, which scales
/// it linearly from near 0 during the first steps. Create one with the static factories.
/// </summary>
public abstract record LearningRateSchedule
{
    private protected LearningRateSchedule() { }

    /// <summary>The base learning rate throughout.</summary>
    public static ConstantSchedule Constant { get; } = new();

    /// <summary>Multiplies the rate by <paramref name="gamma"/> every <paramref name="stepEpochs"/> epochs (GoogLeNet: 0.96 every 8).</summary>
    public static StepSchedule Step(int stepEpochs, double gamma = 0.1) => new(stepEpochs, gamma);

    /// <summary>Multiplies the rate by <paramref name="gamma"/> at each given fraction of the epochs (ResNet on CIFAR: 0.1 at 50% and 75%).</summary>
    public static MultiStepSchedule MultiStep(double gamma, params double[] fractionsOfTraining) => new(fractionsOfTraining, gamma);

    /// <summary>
    /// Multiplies the rate by <paramref name="factor"/> when the monitored metric (validation accuracy, else training
    /// loss) has not improved for more than <paramref name="patience"/> epochs, never below <paramref name="minLearningRate"/>:
    /// the papers' "divide by 10 when the validation error stops improving".
    /// </summary>
    public static ReduceOnPlateauSchedule ReduceOnPlateau(double factor = 0.1, int patience = 5, double minLearningRate = 0) => new(factor, patience, minLearningRate);

    /// <summary>Cosine annealing from the base rate to <paramref name="minLearningRate"/> over all epochs, updated every step.</summary>
    public static CosineSchedule Cosine(double minLearningRate = 0) => new(minLearningRate);

    /// <summary>
    /// The one-cycle policy (Smith 2018, as PyTorch's OneCycleLR with cosine phases): from max/25 up to
    /// <paramref name="maxLearningRate"/> (default: the base rate) during the first <paramref name="pctStart"/> of the steps,
    /// then down to max/25/10⁴.
    /// </summary>
    public static OneCycleSchedule OneCycle(double? maxLearningRate = null, double pctStart = 0.3) => new(maxLearningRate, pctStart);

    /// <summary>Throws when a parameter is out of range, naming it and the range.</summary>
    internal abstract void Validate(SettingsChecks check);

    /// <summary>A stable, culture-independent text form (for the checkpoint's settings hash).</summary>
    internal abstract string Describe();
}

/// <summary>The base learning rate throughout.</summary>
public sealed record ConstantSchedule : LearningRateSchedule
{
    internal ConstantSchedule() { }

    internal override void Validate(SettingsChecks check) { }

    internal override string Describe() => "constant";
}

/// <summary>Rate × <see cref="Gamma"/>^⌊epoch / <see cref="StepEpochs"/>⌋.</summary>
/// <param name="StepEpochs">Epochs between decays, at least 1.</param>
/// <param name="Gamma">Decay factor, in (0, 1].</param>
public sealed record StepSchedule(int StepEpochs, double Gamma) : LearningRateSchedule
{
    internal override void Validate(SettingsChecks check)
    {
        check.AtLeast("Schedule.StepEpochs", StepEpochs, 1);
        check.InRange("Schedule.Gamma", Gamma, 0, 1, lowerInclusive: false);
    }

    internal override string Describe() => SettingsChecks.Invariant($"step({StepEpochs},{Gamma:R})");
}

/// <summary>Rate × <see cref="Gamma"/> for every milestone passed; a milestone at fraction f is reached at epoch round(f · Epochs).</summary>
/// <param name="MilestoneFractions">Fractions of the epochs, each in (0, 1).</param>
/// <param name="Gamma">Decay factor, in (0, 1].</param>
public sealed record MultiStepSchedule(IReadOnlyList<double> MilestoneFractions, double Gamma) : LearningRateSchedule
{
    internal override void Validate(SettingsChecks check)
    {
        if (MilestoneFractions is null || MilestoneFractions.Count == 0)
            throw new ArgumentException($"{check.Name("Schedule.MilestoneFractions")} needs at least one milestone, each in (0, 1).", "Schedule");
        if (MilestoneFractions.FirstOrDefault(f => f >= 1) is var epochLike and >= 1)
            throw new ArgumentOutOfRangeException("Schedule", epochLike, SettingsChecks.Invariant(
                $"{check.Name("Schedule.MilestoneFractions")} must be in (0, 1); got {epochLike}. Milestones are fractions of the training, not epoch numbers: for epochs 50 and 75 of 100 write MultiStep(0.1, 0.5, 0.75)."));
        foreach (var fraction in MilestoneFractions) check.InRange("Schedule.MilestoneFractions", fraction, 0, 1, lowerInclusive: false, upperInclusive: false);
        check.InRange("Schedule.Gamma", Gamma, 0, 1, lowerInclusive: false);
    }

    /// <summary>The milestones and gamma, e.g. <c>MultiStepSchedule { MilestoneFractions = [0.5, 0.75], Gamma = 0.1 }</c>.</summary>
    public override string ToString() =>
        SettingsChecks.Invariant($"{nameof(MultiStepSchedule)} {{ {nameof(MilestoneFractions)} = [{string.Join(", ", (MilestoneFractions ?? []).Select(f => f.ToString(System.Globalization.CultureInfo.InvariantCulture)))}], {nameof(Gamma)} = {Gamma} }}");

    internal override string Describe() => SettingsChecks.Invariant($"multistep({string.Join(";", MilestoneFractions.Select(f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))},{Gamma:R})");
}

/// <summary>Multiplies the rate by <see cref="Factor"/> after more than <see cref="Patience"/> epochs without improvement.</summary>
/// <param name="Factor">Decay factor, in (0, 1).</param>
/// <param name="Patience">Epochs without improvement tolerated before a reduction, at least 0.</param>
/// <param name="MinLearningRate">Floor of the rate, at least 0.</param>
public sealed record ReduceOnPlateauSchedule(double Factor, int Patience, double MinLearningRate) : LearningRateSchedule
{
    internal override void Validate(SettingsChecks check)
    {
        check.InRange("Schedule.Factor", Factor, 0, 1, lowerInclusive: false, upperInclusive: false);
        check.AtLeast("Schedule.Patience", Patience, 0);
        check.NonNegative("Schedule.MinLearningRate", MinLearningRate);
    }

    internal override string Describe() => SettingsChecks.Invariant($"plateau({Factor:R},{Patience},{MinLearningRate:R})");
}

/// <summary>min + (base − min) · (1 + cos(π · progress)) / 2, progress measured in steps over all epochs.</summary>
/// <param name="MinLearningRate">Final rate, at least 0.</param>
public sealed record CosineSchedule(double MinLearningRate) : LearningRateSchedule
{
    internal override void Validate(SettingsChecks check) => check.NonNegative("Schedule.MinLearningRate", MinLearningRate);

    internal override string Describe() => SettingsChecks.Invariant($"cosine({MinLearningRate:R})");
}

/// <summary>The one-cycle policy (see <see cref="LearningRateSchedule.OneCycle"/>).</summary>
/// <param name="MaxLearningRate">Peak rate; <c>null</c> uses <see cref="TrainingSettings.LearningRate"/>.</param>
/// <param name="PctStart">Share of the steps spent rising, in (0, 1).</param>
public sealed record OneCycleSchedule(double? MaxLearningRate, double PctStart) : LearningRateSchedule
{
    /// <summary>The starting rate is the peak divided by this (PyTorch's div_factor).</summary>
    public const double InitialDivisor = 25;

    /// <summary>The final rate is the starting rate divided by this (PyTorch's final_div_factor).</summary>
    public const double FinalDivisor = 1e4;

    internal override void Validate(SettingsChecks check)
    {
        if (MaxLearningRate is double max) check.Positive("Schedule.MaxLearningRate", max);
        check.InRange("Schedule.PctStart", PctStart, 0, 1, lowerInclusive: false, upperInclusive: false);
    }

    internal override string Describe() => SettingsChecks.Invariant($"onecycle({MaxLearningRate?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "base"},{PctStart:R})");
}
