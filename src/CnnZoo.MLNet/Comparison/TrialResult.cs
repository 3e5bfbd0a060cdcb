using System.Globalization;
using CnnZoo.MLNet.Training;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Comparison;

/// <summary>
/// One row of the leaderboard: how a trial scored on the validation data after the last rung it reached, what it cost,
/// and how its training went.
/// </summary>
public sealed record TrialResult
{
    /// <summary>Place on the leaderboard, 1 = best.</summary>
    public required int Rank { get; init; }
    /// <summary>Architecture, learning rate and batch size.</summary>
    public required TrialConfig Trial { get; init; }
    /// <summary>The trial's report name (<see cref="TrialConfig.Name"/>).</summary>
    public string Name => Trial.Name;
    /// <summary>Registry name of the architecture.</summary>
    public string Architecture => Trial.Architecture;

    /// <summary>Validation accuracy (ML.NET's micro-accuracy), read from <see cref="Metrics"/>.</summary>
    public double Accuracy => Metrics.MicroAccuracy;
    /// <summary>Validation top-5 accuracy (top-K with K = the class count when there are fewer than 5 classes), read from <see cref="Metrics"/>.</summary>
    public double Top5Accuracy => Metrics.TopKAccuracy;
    /// <summary>Mean F1 over the classes present in the validation labels or predictions.</summary>
    public required double MacroF1 { get; init; }
    /// <summary>Validation log-loss (ML.NET's evaluator), read from <see cref="Metrics"/>.</summary>
    public double LogLoss => Metrics.LogLoss;
    /// <summary>All of ML.NET's multiclass metrics, the confusion matrix included.</summary>
    public required MulticlassClassificationMetrics Metrics { get; init; }

    /// <summary>Trainable parameters of the model as built for this data.</summary>
    public required long Parameters { get; init; }
    /// <summary>Multiply-accumulates of one forward pass of one image.</summary>
    public required long Macs { get; init; }
    /// <summary>Wall time of all its training runs (data reading, epochs, validation, checkpoints).</summary>
    public required TimeSpan TrainTime { get; init; }
    /// <summary>Training throughput over all its epochs (validation excluded).</summary>
    public required double ImagesPerSecond { get; init; }
    /// <summary>Milliseconds per image to score the validation data through the ML.NET transformer (evaluation included).</summary>
    public required double InferenceMsPerImage { get; init; }
    /// <summary>Highest working set of the process sampled while the trial trained, in bytes (the whole process: data and other models included).</summary>
    public required long PeakMemoryBytes { get; init; }

    /// <summary>Epochs it trained in total.</summary>
    public required int EpochsRun { get; init; }
    /// <summary>The last rung it finished, 0-based.</summary>
    public required int RungReached { get; init; }
    /// <summary>Validation accuracy at the end of each rung it finished (index = rung).</summary>
    public required IReadOnlyList<double> RungAccuracies { get; init; }
    /// <summary>Why it stopped.</summary>
    public required TrialStopReason StopReason { get; init; }
    /// <summary>The error of a <see cref="TrialStopReason.Failed"/> trial; null otherwise.</summary>
    public string? Error { get; init; }
    /// <summary>Every epoch's metrics (training loss/accuracy, validation loss/accuracy, learning rate), in order.</summary>
    public required IReadOnlyList<EpochMetrics> LearningCurve { get; init; }

    /// <summary>One line: rank, name, accuracy, epochs and stop reason.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"#{Rank} {Name}: acc {Accuracy:F4} top5 {Top5Accuracy:F4} macro-F1 {MacroF1:F4} log-loss {LogLoss:F4}, {EpochsRun} epochs, {StopReason}");
}
