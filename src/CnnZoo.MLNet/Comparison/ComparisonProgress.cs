using System.Globalization;
using CnnZoo.MLNet.Training;

namespace CnnZoo.MLNet.Comparison;

/// <summary>A progress report of a running comparison.</summary>
/// <param name="Stage">What happened.</param>
/// <param name="Rung">The current rung (0-based).</param>
/// <param name="RungCount">Rungs planned.</param>
/// <param name="RungEpochs">Epochs the current rung trains its trials to, in total.</param>
/// <param name="Trial">The trial concerned; null for <see cref="ComparisonStage.Started"/>, <see cref="ComparisonStage.RungCompleted"/> and <see cref="ComparisonStage.Finished"/>.</param>
/// <param name="Epoch">The epoch's metrics for <see cref="ComparisonStage.Epoch"/>.</param>
/// <param name="Result">The trial's standing after evaluation, for <see cref="ComparisonStage.TrialEvaluated"/> (its <see cref="TrialResult.Rank"/> is provisional).</param>
/// <param name="TrialNumber">1-based position of <paramref name="Trial"/> among the trials of this rung; 0 when the report concerns no trial.</param>
/// <param name="TrialsInRung">Trials on this rung.</param>
/// <param name="Elapsed">Wall time since the comparison started.</param>
/// <param name="Message">A readable line about the event.</param>
public sealed record ComparisonProgress(
    ComparisonStage Stage,
    int Rung,
    int RungCount,
    int RungEpochs,
    TrialConfig? Trial,
    EpochMetrics? Epoch,
    TrialResult? Result,
    int TrialNumber,
    int TrialsInRung,
    TimeSpan Elapsed,
    string Message)
{
    /// <summary><c>[00:42] rung 2/3 (2 epochs) trial 2/4: resnet20_cifar epoch 2/8 … val_acc 0.6120</c>.</summary>
    public override string ToString()
    {
        var trial = TrialNumber > 0 ? string.Create(CultureInfo.InvariantCulture, $" trial {TrialNumber}/{TrialsInRung}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"[{(int)Elapsed.TotalMinutes:00}:{Elapsed.Seconds:00}] rung {Rung + 1}/{RungCount} ({RungEpochs} epoch{(RungEpochs == 1 ? "" : "s")}){trial}: {Message}");
    }
}
