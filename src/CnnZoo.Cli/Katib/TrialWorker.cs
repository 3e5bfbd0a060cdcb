using CnnZoo.MLNet.Comparison;
using CnnZoo.MLNet.Scoring;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.Cli.Katib;

/// <summary>
/// Runs one trial of a comparison in this process, as a Katib trial: the comparison's own trainer (<see cref="RungTrainer"/>:
/// the schedule planned for the comparison's maximum epochs, paused at this trial's epochs) and evaluator
/// (<see cref="TrialEvaluator"/>), with checkpoints in the trial's run directory on the shared volume so a restarted pod
/// resumes, the model saved beside them, and the metrics printed for Katib's StdOut collector.
/// </summary>
internal sealed class TrialWorker(CliContext context, ComparisonSetup setup)
{
    /// <summary>Trains and evaluates the trial; returns its record, or null when it was interrupted (its checkpoints stay for a rerun).</summary>
    public TrialRecord? Run(TrialRequest request, CancellationToken stop)
    {
        var trial = setup.Trials.Single();
        var directory = TrialRunDirectory.For(request.RunsRoot, trial.Architecture, trial.LearningRate, trial.BatchSize, request.Seed, request.Epochs, request.MaxEpochs, request.TrialName);
        if (TrialRecord.ReadFrom(directory) is { } finished)
        {
            // A pod restarted after the trial finished (or a rerun): report what it found rather than train again.
            context.Note($"trial already finished in {directory}; reporting its metrics", context.Error);
            context.Out.WriteLine(KatibMetricLines.Result(finished, DateTimeOffset.UtcNow));
            return finished;
        }

        Directory.CreateDirectory(directory);
        var state = new TrialState(trial, directory);
        using var cache = new TrainingDataCache();
        var trainer = new RungTrainer(setup.Ml.MulticlassClassification, setup.Options, setup.Data, cache);
        // A checkpoint already at (or past) the target means the last pod died between its final checkpoint and the model
        // file; continuing would train past the target, so that trial starts over (training is deterministic).
        var latest = new CheckpointStore(directory).FindLatest(log: null);
        var fresh = latest is { State.Epoch: var epoch } && epoch >= request.Epochs;
        if (fresh) context.Note($"{directory} holds a checkpoint at epoch {request.Epochs} or later but no result; training again from the start", context.Error);
        // A promoted trial (a new Katib trial with more epochs) continues from its configuration's shorter run.
        var seed = latest is null ? ShorterRunSeed.CopyInto(directory, request) : null;
        if (seed is not null) context.Note($"continuing from the finished {seed.Epochs}-epoch run of this configuration ({seed.TrialName})", context.Error);
        context.Note($"{trial.Architecture} lr {trial.LearningRate:G4} batch {trial.BatchSize}: training to epoch {request.Epochs} of {request.MaxEpochs} in {directory}", context.Error);

        using var model = trainer.Train(state, request.Epochs, fresh, stop, metrics =>
        {
            context.Out.WriteLine(KatibMetricLines.Epoch(metrics, DateTimeOffset.UtcNow));
            context.Out.Flush();
            context.Note(metrics.ToString(), context.Error);
        });
        var training = model.TrainingResult!;
        if (training.ResumedFromEpoch > 0) context.Note($"resumed after epoch {training.ResumedFromEpoch}", context.Error);
        if (training.EpochsCompleted < request.Epochs) return null;

        var evaluation = new TrialEvaluator(setup.Ml.MulticlassClassification, setup.Data, setup.Options.LabelColumnName).Evaluate(model);
        SaveModel(model, Path.Combine(directory, TrialRunDirectory.ModelFileName));
        var record = new TrialRecord(trial.Architecture, trial.LearningRate, trial.BatchSize, request.Seed, request.Epochs, request.MaxEpochs, request.TrialName,
            evaluation.Accuracy, evaluation.LogLoss, evaluation.Top5Accuracy, evaluation.MacroF1,
            // As a local comparison counts a survivor's time: every rung it trained, the shorter run's included.
            state.TrainTime.TotalSeconds + (seed?.TrainSeconds ?? 0), Math.Max(state.PeakMemoryBytes, seed?.PeakMemoryBytes ?? 0), training);
        record.WriteTo(directory);
        context.Out.WriteLine(KatibMetricLines.Result(record, DateTimeOffset.UtcNow));
        return record;
    }

    // The fitted preprocessing and the network, as `cnnzoo compare` saves its winner: loads with ml.Model.Load anywhere.
    private void SaveModel(CnnTransformer model, string path)
    {
        ITransformer pipeline = setup.Data.Preprocessing is { } preprocessing
            ? new TransformerChain<ITransformer>(preprocessing, model)
            : new TransformerChain<ITransformer>(model);
        var temp = path + ".tmp";
        setup.Ml.Model.Save(pipeline, setup.Dataset.Train.Schema, temp);
        File.Move(temp, path, overwrite: true);
    }
}
