namespace CnnZoo.Cli.Katib;

/// <summary>
/// The names the Katib experiment, the trial worker and the collector share: search-space parameters, metrics, the
/// worker's container and the shared volume's layout. One place, so the YAML and the worker cannot drift apart.
/// </summary>
internal static class KatibNames
{
    /// <summary>Search-space parameter: the architecture (categorical).</summary>
    public const string Architecture = "architecture";
    /// <summary>Search-space parameter: the learning rate (categorical over the compared values).</summary>
    public const string LearningRate = "learning-rate";
    /// <summary>Search-space parameter: the batch size (discrete).</summary>
    public const string BatchSize = "batch-size";
    /// <summary>Hyperband's resource: epochs trained in total.</summary>
    public const string Epochs = "epochs";
    /// <summary>Trial parameter bound to Katib's trial name (<c>${trialSpec.Name}</c>), so parallel duplicates keep apart.</summary>
    public const string TrialName = "trialName";

    /// <summary>The objective: ML.NET's micro-accuracy on the comparison's validation split, printed last by every trial.</summary>
    public const string ValidationAccuracy = "validation-accuracy";
    /// <summary>ML.NET's log-loss on the validation split (the leaderboard's tie-break), printed with the objective.</summary>
    public const string LogLoss = "log-loss";
    /// <summary>Per epoch: the trainer's mean cross-entropy on the validation split.</summary>
    public const string ValidationLoss = "validation-loss";
    /// <summary>Per epoch: mean training loss.</summary>
    public const string TrainLoss = "train-loss";
    /// <summary>Per epoch: training accuracy.</summary>
    public const string TrainAccuracy = "train-accuracy";
    /// <summary>Per epoch: the epoch number.</summary>
    public const string Epoch = "epoch";

    /// <summary>The metrics Katib is told about besides the objective.</summary>
    public static IReadOnlyList<string> AdditionalMetrics { get; } = [LogLoss, ValidationLoss, TrainLoss, TrainAccuracy];

    /// <summary>The trial Job's container (Katib's primary container).</summary>
    public const string Container = "cnnzoo";
    /// <summary>The worker's path in the image (the Dockerfile publishes the tool to /app).</summary>
    public const string Executable = "/app/cnnzoo";
    /// <summary>Where the shared volume is mounted in a trial's pod.</summary>
    public const string SharedMount = "/shared";
    /// <summary>The volume's folder for datasets (a dataset's files under data/&lt;name&gt;/).</summary>
    public const string DataFolder = "data";
    /// <summary>The volume's folder for the trials' checkpoints, models and records.</summary>
    public const string RunsFolder = "runs";
}
