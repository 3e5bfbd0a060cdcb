namespace CnnZoo.Cli.Katib;

/// <summary>
/// The names the Katib experiment, the trial worker and the collector share: search-space parameters, metrics, the
/// worker's container and the shared volume's layout. One place, so the YAML and the worker cannot drift apart.
/// </summary>
internal static class KatibNames
{
    // Search-space parameters: the architecture (categorical), the learning rate (categorical over the compared values),
    // the batch size (discrete), and Hyperband's resource, the epochs trained in total.
    public const string Architecture = "architecture", LearningRate = "learning-rate", BatchSize = "batch-size", Epochs = "epochs";

    // The trial parameter bound to Katib's trial name (${trialSpec.Name}), so parallel duplicates keep apart on the volume.
    public const string TrialName = "trialName";

    // The objective: ML.NET's micro-accuracy on the comparison's validation split, printed last by every trial, with the
    // log-loss (the leaderboard's tie-break). Per epoch: the trainer's validation loss, the training loss and accuracy.
    public const string ValidationAccuracy = "validation-accuracy", LogLoss = "log-loss";
    public const string ValidationLoss = "validation-loss", TrainLoss = "train-loss", TrainAccuracy = "train-accuracy", Epoch = "epoch";

    /// <summary>The metrics Katib is told about besides the objective.</summary>
    public static IReadOnlyList<string> AdditionalMetrics { get; } = [LogLoss, ValidationLoss, TrainLoss, TrainAccuracy];

    // The trial Job's container (Katib's primary container) and the worker's path in the image (the Dockerfile publishes to /app).
    public const string Container = "cnnzoo", Executable = "/app/cnnzoo";

    // The shared volume: mounted at /shared in a trial's pod; datasets under data/<name>/, the trials' runs under runs/.
    public const string SharedMount = "/shared", DataFolder = "data", RunsFolder = "runs";
}
