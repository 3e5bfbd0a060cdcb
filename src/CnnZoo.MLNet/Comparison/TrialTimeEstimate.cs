using CnnZoo.Architectures;
using CnnZoo.Architectures.Analysis;

namespace CnnZoo.MLNet.Comparison;

/// <summary>
/// How long a trial's next rung should take, so that one that cannot finish in the time left is not started: the
/// images it must train times its seconds per image, plus a validation pass per epoch and the evaluation at the end.
/// A trial that has trained uses its own speeds; one that has not, those of the trial already measured whose MACs per
/// image are nearest its own, scaled by the ratio of MACs. Only between networks within <see cref="ComparableMacs"/>
/// of each other: the time of a tiny one such as LeNet-5 is mostly overhead, and scaled up it would be far too long
/// (×7 for resnet20_cifar on two cores), stopping trials that would have fitted.
/// </summary>
internal static class TrialTimeEstimate
{
    /// <summary>The largest ratio of MACs per image across which one network's speed predicts another's.</summary>
    public const double ComparableMacs = 8;

    /// <summary>Seconds to train <paramref name="trial"/> to <paramref name="targetEpochs"/> and evaluate it; null when nothing has been measured yet.</summary>
    public static double? Seconds(TrialState trial, int targetEpochs, IEnumerable<TrialState> others, ComparisonPlan plan, ComparisonData data)
    {
        var epochs = targetEpochs - trial.EpochsRun;
        if (epochs <= 0) return 0;
        if (Speeds(trial, others, data) is not var (train, validate)) return null;
        return epochs * (plan.EpochImages * train + plan.ValidationRows * validate) + plan.ValidationRows * validate;
    }

    private static (double Train, double Validate)? Speeds(TrialState trial, IEnumerable<TrialState> others, ComparisonData data)
    {
        if (trial.SecondsPerTrainingImage is double ownTrain && trial.SecondsPerValidationImage is double ownValidate) return (ownTrain, ownValidate);
        var measured = others.Where(s => s.SecondsPerTrainingImage is not null && s.SecondsPerValidationImage is not null && s.Macs > 0).ToList();
        if (measured.Count == 0) return null;
        trial.Macs ??= MacsOf(trial.Config, data);
        var macs = Math.Max(1, trial.Macs.Value);
        var reference = measured.MinBy(s => Math.Abs(Math.Log((double)macs / s.Macs!.Value)))!;
        var scale = (double)macs / reference.Macs!.Value;
        if (scale > ComparableMacs || scale < 1 / ComparableMacs) return null;
        return (reference.SecondsPerTrainingImage!.Value * scale, reference.SecondsPerValidationImage!.Value * scale);
    }

    /// <summary>MACs per image of the trial's network as built for this data (built and dropped; no weights are trained).</summary>
    private static long MacsOf(TrialConfig trial, ComparisonData data)
    {
        var spec = ModelZoo.Get(trial.Architecture);
        using var model = ModelZoo.Create(spec.Name, new ModelOptions
        {
            NumClasses = data.Classes, InChannels = data.Channels, InputSize = data.InputSize ?? spec.CanonicalInputSize,
        });
        return ModelSummary.Of(model).TotalMacs;
    }
}
