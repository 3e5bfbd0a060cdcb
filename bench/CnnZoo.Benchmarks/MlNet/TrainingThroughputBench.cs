using System.Globalization;
using CnnZoo.Architectures;
using CnnZoo.MLNet.Scoring;
using CnnZoo.MLNet.Training;
using Microsoft.ML;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>
/// Training throughput of the CnnZoo ML.NET trainer (A: <c>Trainers.Cnn(options).Fit</c>, paused between epochs by a
/// <see cref="SteppedTrainer"/>) against <see cref="HandWrittenTrainingLoop"/> (B) on the same net, data, batch and
/// optimiser (SGD, momentum 0.9, constant rate; no augmentation, validation, checkpoints, weight decay or label
/// smoothing; best-epoch restore off), one epoch of each per round, interleaved ABBA by <see cref="InterleavedTimer"/>.
/// B runs on the trainer's own thread while the trainer is paused between epochs, so thread effects cancel out.
/// The warm-up rounds are untimed: the first holds the trainer's data ingestion and both loops' first epoch.
/// </summary>
public static class TrainingThroughputBench
{
    /// <summary>Lowest acceptable trainer ÷ hand-written images/s.</summary>
    public const double TargetRatio = 0.95;

    /// <summary>Most extra warm-up epochs the trainer is given room for while the JIT settles.</summary>
    public const int MaxSettleEpochs = 1000;

    /// <summary>
    /// Measures <paramref name="architecture"/> on <paramref name="data"/>; returns the ratio and the trained transformer
    /// (A's model, which the caller owns and may score with).
    /// </summary>

    public static (RatioResult Result, CnnTransformer Model) Run(MLContext ml, string architecture, BenchDataset data, MlNetBenchSettings settings, int batch, Action<string> status)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(status);
        var options = new CnnTrainer.Options
        {
            Architecture = architecture,
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
            // Warm-up may run more epochs while the JIT settles; Finish stops the trainer after the timed ones.
            Epochs = settings.Warmup + settings.Rounds + MaxSettleEpochs,
            BatchSize = batch,
            LearningRate = settings.LearningRate,
            Optimizer = OptimizerKind.Sgd,
            Momentum = MlNetBenchSettings.Momentum,
            Nesterov = false,
            WeightDecay = 0,
            Schedule = LearningRateSchedule.Constant,
            WarmupEpochs = 0,
            LabelSmoothing = 0,
            ValidationFraction = 0,
            RestoreBestEpoch = false,
            Seed = settings.Seed,
            ScoringBatchSize = settings.ScoringBatch,
            MemoryLayout = settings.Layout,
        };
        using var trainer = new SteppedTrainer(ml, options, data.Keyed);
        using var loop = new HandWrittenTrainingLoop(architecture, data, batch, settings.LearningRate, MlNetBenchSettings.Momentum, settings.Seed,
            settings.Layout);
        var label = $"{architecture} train";
        status($"{label}: warming up (the trainer reads the data) …");
        var timings = InterleavedTimer.Run(trainer.NextEpoch, () => trainer.RunOnTrainingThread(loop.Epoch), settings.Warmup, settings.Rounds, budgetSeconds: 0,
            onRound: round => status($"{label}: round {round}/{settings.Rounds} …"), settleSeconds: settings.SettleSeconds);
        var model = trainer.Finish();

        var images = loop.ImagesPerEpoch;
        var reported = TimingStats.Median(trainer.Epochs.Skip(timings.WarmupRounds).Select(e => e.ImagesPerSecond).ToArray());
        var note = string.Create(CultureInfo.InvariantCulture,
            $"trainer's own EpochMetrics.ImagesPerSecond (median of timed epochs): {reported:0.0}; final train loss {trainer.Epochs[^1].TrainLoss:0.000}");
        var result = new RatioResult("train", architecture, data.Shape, batch, images,
            "CnnZoo trainer (Trainers.Cnn Fit, whole epochs)", "hand-written TorchSharp loop",
            TimingStats.From(timings.A, images), TimingStats.From(timings.B, images), timings.A, timings.B, timings.WarmupRounds, TargetRatio, note);
        return (result, model);
    }
}
