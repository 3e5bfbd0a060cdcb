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
