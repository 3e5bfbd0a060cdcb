using System.Diagnostics;
using CnnZoo.MLNet.Scoring;
using CnnZoo.MLNet.Training;
using Microsoft.ML;

namespace CnnZoo.MLNet.Comparison;

/// <summary>
/// Trains one trial through one rung: a <see cref="CnnTrainer"/> planned for the full budget that resumes from the
/// trial's checkpoint and is paused (cancelled between epochs) once it reaches the rung's epoch count, so the learning
/// rate schedule and the learning curve continue across rungs as if the trial had never stopped. Every run borrows
/// its training and validation stores from <paramref name="cache"/>, so the data is read once for the whole comparison.
/// </summary>
internal sealed class RungTrainer(MulticlassClassificationCatalog catalog, ComparisonOptions options, ComparisonData data, TrainingDataCache cache)
{
    /// <summary>Trains <paramref name="trial"/> up to <paramref name="targetEpochs"/> epochs in total and returns its model.</summary>
    /// <param name="trial">The trial; its training time and peak memory are added to.</param>
    /// <param name="targetEpochs">Total epochs at the end of the rung.</param>
    /// <param name="fresh">True on the first rung: start from new weights (any old checkpoints are deleted).</param>
    /// <param name="stop">Cancellation or the time budget: stops the run within one batch.</param>
    /// <param name="onEpoch">Called after every epoch.</param>
    public CnnTransformer Train(TrialState trial, int targetEpochs, bool fresh, CancellationToken stop, Action<EpochMetrics> onEpoch)
    {
        using var pause = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var trainer = TrialPlanner.TrainerOptions(options, trial.Config);
        var userProgress = trainer.Progress;
        trainer.ValidationSet = data.Validation;
        trainer.DataCache = cache;
        trainer.CheckpointDirectory = trial.CheckpointDirectory;
        trainer.ResumeFromCheckpoint = !fresh;
        trainer.CancellationToken = pause.Token;
        trainer.Progress = new SynchronousProgress<EpochMetrics>(metrics =>
        {
            userProgress?.Report(metrics);
            if (!metrics.IsEpochEnd) return;
            onEpoch(metrics);
            if (metrics.Epoch >= targetEpochs) pause.Cancel();
        });

        using var memory = new PeakMemorySampler();
        var clock = Stopwatch.StartNew();
        try
        {
            return catalog.Trainers.Cnn(trainer).Fit(data.Train);
        }
        finally
        {
            trial.TrainTime += clock.Elapsed;
            trial.PeakMemoryBytes = Math.Max(trial.PeakMemoryBytes, memory.PeakBytes);
        }
    }
}
