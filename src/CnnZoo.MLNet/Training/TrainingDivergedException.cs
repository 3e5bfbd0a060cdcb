namespace CnnZoo.MLNet.Training;

/// <summary>
/// The loss became NaN or infinite, so training stopped. The parameters are those from before the failing step (batch-norm
/// running statistics may already include the failing batch); the last good checkpoint (if any) is kept on disk, and a
/// later run with the same checkpoint directory resumes from it.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception; the message names the epoch, step, loss, learning rate and checkpoint.</summary>
    public TrainingDivergedException(int epoch, long step, string lossName, double loss, double learningRate, string? lastGoodCheckpoint)
        : base(Describe(epoch, step, lossName, loss, learningRate, lastGoodCheckpoint))
    {
        Epoch = epoch;
        Step = step;
        LastGoodCheckpoint = lastGoodCheckpoint;
    }

    /// <summary>1-based epoch in which the loss diverged.</summary>
    public int Epoch { get; }

    /// <summary>Global step at which it diverged.</summary>
    public long Step { get; }

    /// <summary>Directory of the last good checkpoint; <c>null</c> when none was written.</summary>
    public string? LastGoodCheckpoint { get; }

    private static string Describe(int epoch, long step, string lossName, double loss, double learningRate, string? checkpoint)
    {
        var where = checkpoint is null
            ? "No checkpoint was written (set CnnTrainer.Options.CheckpointDirectory, or TrainingSettings.CheckpointDirectory, to keep one per epoch)."
            : $"The last good checkpoint is kept at '{checkpoint}'; a run with the same checkpoint directory resumes from it.";
        return SettingsChecks.Invariant($"Training diverged: the {lossName} became {loss} at epoch {epoch}, step {step} (learning rate {learningRate:G4}). ") +
               where + " Lower the learning rate, add warm-up, or check the data for NaN or infinite values.";
    }
}
