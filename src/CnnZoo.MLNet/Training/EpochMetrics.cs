using System.Globalization;

namespace CnnZoo.MLNet.Training;

/// <summary>Metrics of one epoch (or, with <see cref="IsEpochEnd"/> false, of the epoch so far).</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TotalEpochs">Epochs the run is set to.</param>
/// <param name="Step">Optimiser steps taken since the start of training (across resumes).</param>
/// <param name="TrainLoss">Mean training loss (with label smoothing; without auxiliary-head terms).</param>
/// <param name="TrainAccuracy">Share of training images classified correctly while training (in train mode, after augmentation).</param>
/// <param name="ValidationLoss">Mean cross-entropy on the validation data (no smoothing); <c>null</c> without validation data or mid-epoch.</param>
/// <param name="ValidationAccuracy">Validation accuracy; <c>null</c> without validation data or mid-epoch.</param>
/// <param name="LearningRate">Learning rate of the epoch's last step.</param>
/// <param name="ImagesPerSecond">Training throughput of the epoch (validation excluded).</param>
/// <param name="Elapsed">Wall time since this run started.</param>
/// <param name="IsEpochEnd">False for the in-epoch reports asked for by <see cref="TrainingSettings.ReportEverySteps"/>.</param>
public sealed record EpochMetrics(
    int Epoch,
    int TotalEpochs,
    long Step,
    double TrainLoss,
    double TrainAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double LearningRate,
    double ImagesPerSecond,
    TimeSpan Elapsed,
    bool IsEpochEnd = true)
{
    /// <summary>The log line: <c>epoch 3/10 step 1407 loss 0.4123 acc 0.8512 val_loss 0.5011 val_acc 0.8300 lr 0.01 img/s 2345</c>.</summary>
    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"epoch {Epoch}/{TotalEpochs} step {Step} loss {TrainLoss:F4} acc {TrainAccuracy:F4}");
        if (ValidationLoss is double validationLoss) text += string.Create(CultureInfo.InvariantCulture, $" val_loss {validationLoss:F4}");
        if (ValidationAccuracy is double validationAccuracy) text += string.Create(CultureInfo.InvariantCulture, $" val_acc {validationAccuracy:F4}");
        return text + string.Create(CultureInfo.InvariantCulture, $" lr {LearningRate:G4} img/s {ImagesPerSecond:F0}");
    }
}
