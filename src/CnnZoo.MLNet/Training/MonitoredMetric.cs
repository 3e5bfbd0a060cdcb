namespace CnnZoo.MLNet.Training;

/// <summary>The metric that picks the best epoch, drives early stopping and the reduce-on-plateau schedule.</summary>
internal sealed record MonitoredMetric(string Name, bool HigherIsBetter)
{
    public static MonitoredMetric ValidationAccuracy { get; } = new("val_acc", true);

    public static MonitoredMetric TrainingLoss { get; } = new("loss", false);

    public static MonitoredMetric For(bool hasValidation) => hasValidation ? ValidationAccuracy : TrainingLoss;

    public double ValueOf(EpochMetrics metrics) =>
        HigherIsBetter ? metrics.ValidationAccuracy ?? double.NaN : metrics.TrainLoss;

    /// <summary>Better than <paramref name="best"/> by more than <paramref name="minDelta"/>; the first value always is.</summary>
    public bool IsImprovement(double value, double? best, double minDelta) =>
        best is not double b || (HigherIsBetter ? value > b + minDelta : value < b - minDelta);
}
