using CnnZoo.MLNet.Scoring;
using CnnZoo.MLNet.Training;

namespace CnnZoo.MLNet.Comparison;

/// <summary>A trial's bookkeeping while a comparison runs: its latest model and evaluation, and what it has cost.</summary>
internal sealed class TrialState(TrialConfig config, string checkpointDirectory)
{
    public TrialConfig Config { get; } = config;
    public string CheckpointDirectory { get; } = checkpointDirectory;

    /// <summary>The model of the last rung it finished (owned here until handed to the result or disposed).</summary>
    public CnnTransformer? Model { get; private set; }
    public TrialEvaluation? Evaluation { get; private set; }
    public TrainingResult? Training { get; private set; }
    public List<double> RungAccuracies { get; } = [];
    public int RungReached => RungAccuracies.Count - 1;
    public int EpochsRun => Training?.EpochsCompleted ?? 0;

    public TimeSpan TrainTime { get; set; }
    public long PeakMemoryBytes { get; set; }
    public long? Parameters { get; set; }
    public long? Macs { get; set; }

    /// <summary>Set once the trial trains no more; null while it may go on.</summary>
    public TrialStopReason? Stop { get; set; }
    public string? Error { get; set; }

    /// <summary>Takes the model of a finished rung and its evaluation, freeing the previous rung's model.</summary>
    public void Record(CnnTransformer model, TrialEvaluation evaluation)
    {
        if (!ReferenceEquals(Model, model)) Model?.Dispose();
        Model = model;
        Evaluation = evaluation;
        Training = model.TrainingResult;
        RungAccuracies.Add(evaluation.Accuracy);
    }

    /// <summary>
    /// Takes a model trained elsewhere (another process or machine) with its evaluation, its training record and the
    /// accuracies at the end of each rung it reached (the last one being <paramref name="evaluation"/>'s).
    /// </summary>
    public void RecordCollected(CnnTransformer model, TrialEvaluation evaluation, TrainingResult training, IEnumerable<double> rungAccuracies)
    {
        Model?.Dispose();
        (Model, Evaluation, Training) = (model, evaluation, training);
        RungAccuracies.Clear();
        RungAccuracies.AddRange(rungAccuracies);
    }

    /// <summary>The trial's leaderboard row at <paramref name="rank"/> (0 while provisional); it must have been evaluated.</summary>
    public TrialResult ToResult(int rank)
    {
        var evaluation = Evaluation ?? throw new InvalidOperationException($"Trial {Config.Name} has not been evaluated.");
        var history = Training?.History ?? [];
        return new TrialResult
        {
            Rank = rank,
            Trial = Config,
            MacroF1 = evaluation.MacroF1,
            Metrics = evaluation.Metrics,
            Parameters = Parameters ?? 0,
            Macs = Macs ?? 0,
            TrainTime = TrainTime,
            ImagesPerSecond = Throughput(history),
            InferenceMsPerImage = evaluation.InferenceMsPerImage,
            PeakMemoryBytes = PeakMemoryBytes,
            EpochsRun = EpochsRun,
            RungReached = RungReached,
            RungAccuracies = RungAccuracies.ToList(),
            StopReason = Stop ?? TrialStopReason.Completed,
            Error = Error,
            LearningCurve = history,
        };
    }

    /// <summary>Seconds one training image took on its rungs so far (from its epochs' rates); null before its first epoch.</summary>
    public double? SecondsPerTrainingImage => Throughput(Training?.History ?? []) is > 0 and var rate ? 1 / rate : null;

    /// <summary>Seconds one validation image took to score at its last evaluation; null before its first.</summary>
    public double? SecondsPerValidationImage => Evaluation is { } evaluation ? evaluation.InferenceMsPerImage / 1000 : null;

    /// <summary>Images per second over all epochs: every epoch trains the same images, so this is the harmonic mean of the epochs' rates.</summary>
    private static double Throughput(IReadOnlyList<EpochMetrics> history)
    {
        var rates = history.Where(m => m.ImagesPerSecond > 0).Select(m => m.ImagesPerSecond).ToList();
        return rates.Count == 0 ? 0 : rates.Count / rates.Sum(r => 1 / r);
    }

    /// <summary>Hands the model over (to the comparison's result); the state no longer disposes it.</summary>
    public CnnTransformer? ReleaseModel()
    {
        var model = Model;
        Model = null;
        return model;
    }

    public void DisposeModel()
    {
        Model?.Dispose();
        Model = null;
    }
}
