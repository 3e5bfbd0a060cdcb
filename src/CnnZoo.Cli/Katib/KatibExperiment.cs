using System.Globalization;

namespace CnnZoo.Cli.Katib;

/// <summary>
/// The Katib <c>Experiment</c> (kubeflow.org/v1beta1) for a comparison, and the <c>PersistentVolumeClaim</c> its trials
/// share, as YAML-ready trees (ordered maps and lists). The search space is the comparison's planned trials:
/// architectures × learning rates × batch sizes; the objective is the validation accuracy the leaderboard ranks by,
/// taken from each trial's last report; Hyperband's resource is the epochs.
/// </summary>
internal static class KatibExperiment
{
    /// <summary>Trial parameter names (the <c>${trialParameters.X}</c> placeholders) by search-space parameter.</summary>
    private static readonly (string Name, string Reference, string Description)[] TrialParameterNames =
    [
        ("architecture", KatibNames.Architecture, "Architecture (registry name)"),
        ("learningRate", KatibNames.LearningRate, "Initial learning rate"),
        ("batchSize", KatibNames.BatchSize, "Images per step"),
        ("epochs", KatibNames.Epochs, "Epochs to train to (Hyperband's resource)"),
        (KatibNames.TrialName, "${trialSpec.Name}", "Katib's trial name: the trial's run directory on the shared volume"),
    ];

    public static Dictionary<string, object> Experiment(KatibExperimentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var searched = SearchParameters(settings);
        var trialParameters = TrialParameterNames.Where(p => p.Reference.StartsWith('$') || searched.Any(s => (string)s["name"] == p.Reference))
            .Select(p => Map(("name", p.Name), ("description", p.Description), ("reference", p.Reference))).ToList<object>();
        return Map(
            ("apiVersion", "kubeflow.org/v1beta1"),
            ("kind", "Experiment"),
            ("metadata", Map(("name", settings.Name), ("namespace", settings.Namespace))),
            ("spec", Map(
                ("objective", Map(
                    ("type", "maximize"),
                    ("objectiveMetricName", KatibNames.ValidationAccuracy),
                    ("additionalMetricNames", KatibNames.AdditionalMetrics.ToList<object>()),
                    // The last report is the evaluation the comparison ranks by; per-epoch values come before it.
                    ("metricStrategies", new[] { KatibNames.ValidationAccuracy, KatibNames.LogLoss }.Select(m => (object)Map(("name", m), ("value", "latest"))).ToList()))),
                ("algorithm", Map(
                    ("algorithmName", "hyperband"),
                    ("algorithmSettings", new List<object>
                    {
                        Map(("name", "resource_name"), ("value", KatibNames.Epochs)),
                        Map(("name", "eta"), ("value", Text(settings.Eta))),
                        Map(("name", "r_l"), ("value", Text(settings.MaxEpochs))),
                    }))),
                ("parallelTrialCount", settings.ParallelTrials),
                ("maxTrialCount", settings.MaxTrials),
                ("maxFailedTrialCount", settings.MaxTrials),
                ("parameters", searched.ToList<object>()),
                ("metricsCollectorSpec", Map(("collector", Map(("kind", "StdOut"))))),
                ("trialTemplate", Map(
                    ("primaryContainerName", KatibNames.Container),
                    ("trialParameters", trialParameters),
                    ("trialSpec", TrialJob(settings)))))));
    }

    public static Dictionary<string, object> VolumeClaim(KatibExperimentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Map(
            ("apiVersion", "v1"),
            ("kind", "PersistentVolumeClaim"),
            ("metadata", Map(("name", settings.ClaimName), ("namespace", settings.Namespace))),
            ("spec", Map(
                // Trials run in parallel on any node and all write their runs here.
                ("accessModes", new List<object> { "ReadWriteMany" }),
                ("resources", Map(("requests", Map(("storage", settings.VolumeSize))))))));
    }

    /// <summary>The worker's command line with the trial parameters' placeholders (what Katib substitutes).</summary>
    public static IReadOnlyList<string> WorkerCommand(KatibExperimentSettings settings)
    {
        var command = new List<string> { KatibNames.Executable, "trial", "--model", Placeholder("architecture") };
        if (settings.SearchesLearningRate) command.AddRange(["--lr", Placeholder("learningRate")]);
        if (settings.SearchesBatchSize) command.AddRange(["--batch-size", Placeholder("batchSize")]);
        command.AddRange(["--epochs", Placeholder("epochs"), "--max-epochs", Text(settings.MaxEpochs),
            "--validation-fraction", KatibMetricLines.Value(settings.ValidationFraction), "--seed", Text(settings.Seed)]);
        command.AddRange(settings.Data.WorkerArguments);
        command.AddRange(["--runs", $"{KatibNames.SharedMount}/{KatibNames.RunsFolder}", "--trial-name", Placeholder(KatibNames.TrialName)]);
        return command;
    }

    private static List<Dictionary<string, object>> SearchParameters(KatibExperimentSettings settings)
    {
        var trials = settings.Trials;
        var parameters = new List<Dictionary<string, object>>
        {
            Parameter(KatibNames.Architecture, "categorical", trials.Select(t => t.Architecture).Distinct()),
        };
        // Katib's Hyperband reads discrete values as integers, so learning rates are categorical (exact round-trip text).
        if (settings.SearchesLearningRate)
            parameters.Add(Parameter(KatibNames.LearningRate, "categorical", trials.Select(t => KatibMetricLines.Value(t.LearningRate)).Distinct()));
        if (settings.SearchesBatchSize)
            parameters.Add(Parameter(KatibNames.BatchSize, "discrete", trials.Select(t => Text(t.BatchSize)).Distinct()));
        // Hyperband sets the resource itself (r_l·η^−s … r_l); the range documents it.
        parameters.Add(Map(("name", KatibNames.Epochs), ("parameterType", "int"),
            ("feasibleSpace", Map(("min", Text(settings.MinEpochs)), ("max", Text(settings.MaxEpochs))))));
        return parameters;
    }

    private static Dictionary<string, object> TrialJob(KatibExperimentSettings settings) => Map(
        ("apiVersion", "batch/v1"),
        ("kind", "Job"),
        ("spec", Map(
            // A pod that fails or is preempted is started again; it resumes from its run directory's last checkpoint.
            ("backoffLimit", 3),
            ("template", Map(
                ("metadata", Map(("annotations", Map(("sidecar.istio.io/inject", "false"))))),
                ("spec", Map(
                    ("restartPolicy", "Never"),
                    ("containers", new List<object>
                    {
                        Map(
                            ("name", KatibNames.Container),
                            ("image", settings.Image),
                            ("command", WorkerCommand(settings).ToList<object>()),
                            ("volumeMounts", new List<object> { Map(("name", "shared"), ("mountPath", KatibNames.SharedMount)) })),
                    }),
                    ("volumes", new List<object>
                    {
                        Map(("name", "shared"), ("persistentVolumeClaim", Map(("claimName", settings.ClaimName)))),
                    }))))))));

    private static Dictionary<string, object> Parameter(string name, string type, IEnumerable<string> values) =>
        Map(("name", name), ("parameterType", type), ("feasibleSpace", Map(("list", values.ToList<object>()))));

    private static string Placeholder(string trialParameter) => $"${{trialParameters.{trialParameter}}}";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, object> Map(params (string Key, object Value)[] entries)
    {
        var map = new Dictionary<string, object>();
        foreach (var (key, value) in entries) map.Add(key, value);
        return map;
    }
}
