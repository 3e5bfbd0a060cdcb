namespace CnnZoo.MLNet.Training;

/// <summary>
/// How a pretrained network is fine-tuned: which layers train, the backbone's rate relative to the new head's, and
/// whether BatchNorm keeps its pretrained statistics. Set on <see cref="TrainingSettings.FineTune"/>.
/// </summary>
public sealed record FineTuning
{
    /// <summary>Which layers train. Default <see cref="TrainableLayers.All"/>.</summary>
    public TrainableLayers Train { get; init; } = TrainableLayers.All;

    /// <summary>
    /// The backbone's learning rate as a fraction of <see cref="TrainingSettings.LearningRate"/> (the head's), in (0, 1].
    /// Default 0.3: pretrained features change more slowly than the new head learns. Chosen with <c>cnnzoo bench-transfer</c>:
    /// 0.1 adapts too little to images unlike ImageNet's (grey Fashion-MNIST), 1.0 wrecks the features of a 180-image set.
    /// </summary>
    public double BackboneLearningRateFactor { get; init; } = 0.3;

    /// <summary>
    /// BatchNorm layers of the backbone keep their pretrained running statistics (normalise with them, never update
    /// them): with a few hundred images and small batches, batch statistics are noisy. Default true.
    /// </summary>
    public bool FreezeBatchNormStatistics { get; init; } = true;

    internal void Validate(SettingsChecks check)
    {
        if (Train is null) throw new ArgumentNullException("FineTune.Train", $"{check.Name("FineTune.Train")} must be set (TrainableLayers.All for everything).");
        check.InRange("FineTune.BackboneLearningRateFactor", BackboneLearningRateFactor, 0, 1, lowerInclusive: false);
    }

    internal string Describe() => SettingsChecks.Invariant($"finetune({Train},{BackboneLearningRateFactor:R},{FreezeBatchNormStatistics})");
}
