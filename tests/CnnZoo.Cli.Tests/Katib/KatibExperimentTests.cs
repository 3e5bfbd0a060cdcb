using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CnnZoo.Cli.Katib;
using YamlDotNet.RepresentationModel;

namespace CnnZoo.Cli.Tests.Katib;

/// <summary>
/// <c>cnnzoo compare --emit-katib</c>: the Experiment and the volume claim read back as YAML and checked against Katib's
/// CRD schema, its Go types and its webhook's rules; the search space is the local comparison's.
/// </summary>
[TestClass]
public sealed class KatibExperimentTests
{
    private static readonly string[] Emit =
        ["compare", "--rows", "300", "--models", "lenet5,resnet20_cifar", "--lr", "0.05,0.1", "--min-epochs", "1", "--max-epochs", "4", "--eta", "2",
         "--seed", "3", "--image", "registry.example/cnnzoo-worker:1", "--namespace", "team-a"];

    [TestMethod]
    public void EmittedExperimentFitsKatibsSchemaAndTypes()
    {
        using var folder = new TempFolder();
        var run = CliRun.Of([.. Emit, "--emit-katib", folder.Path]);
        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var experiment = KatibFixtures.LoadYaml(Path.Combine(folder.Path, KatibFiles.ExperimentFile));

        // The CRD's openAPIV3Schema: an object whose fields the API server keeps unchecked.
        var schema = JsonDocument.Parse(KatibFixtures.Read("experiment-openapiv3-schema.json")).RootElement;
        Assert.AreEqual("object", schema.GetProperty("type").GetString());
        Assert.IsTrue(schema.GetProperty("x-kubernetes-preserve-unknown-fields").GetBoolean(), "the schema is loose, so the Go types carry the structure");
        Assert.IsInstanceOfType<YamlMappingNode>(experiment);

        var types = KatibFixtures.GoTypes;
        Assert.IsTrue(types.Structs.Count >= 20, $"the Go sources were read ({types.Structs.Count} structs)");
        var problems = types.Check(experiment, "Experiment");
        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
        Assert.AreEqual("kubeflow.org/v1beta1", experiment.At("apiVersion").Text());
        Assert.AreEqual("Experiment", experiment.At("kind").Text());
        Assert.AreEqual("team-a", experiment.At("metadata", "namespace").Text());
    }

    [TestMethod]
    public void GoTypeCheckCatchesWhatKatibWouldRefuse()
    {
        var types = KatibFixtures.GoTypes;
        var bad = Yaml("""
            apiVersion: kubeflow.org/v1beta1
            kind: Experiment
            spec:
              objective: {type: maximise, objectiveMetricName: acc}
              parallelTrialCount: two
              parameters:
              - name: lr
                parameterType: double
                feasibleSpace: {min: 0.1, max: "0.2"}
              algorithm: {algorithmName: hyperband, settings: []}
            """);
        var problems = string.Join("\n", types.Check(bad, "Experiment"));
        StringAssert.Contains(problems, "'maximise' is not a ObjectiveType");
        StringAssert.Contains(problems, ".spec.parallelTrialCount: an integer expected");
        StringAssert.Contains(problems, ".spec.parameters[0].feasibleSpace.min: '0.1' is unquoted");
        StringAssert.Contains(problems, ".spec.algorithm.settings: no such field in Katib's AlgorithmSpec");
        Assert.IsFalse(problems.Contains("feasibleSpace.max", StringComparison.Ordinal), problems);
    }

    [TestMethod]
    public void SearchSpaceIsTheLocalComparisonsAndTheTemplateUsesEveryParameter()
    {
        using var folder = new TempFolder();
        var run = CliRun.Of([.. Emit, "--emit-katib", folder.Path]);
        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var spec = KatibFixtures.LoadYaml(Path.Combine(folder.Path, KatibFiles.ExperimentFile)).At("spec");

        var parameters = spec.At("parameters").Items().ToDictionary(p => p.At("name").Text());
        CollectionAssert.AreEqual(new[] { "lenet5", "resnet20_cifar" }, List(parameters[KatibNames.Architecture]));
        CollectionAssert.AreEqual(new[] { "0.05", "0.1" }, List(parameters[KatibNames.LearningRate]));
        Assert.IsFalse(parameters.ContainsKey(KatibNames.BatchSize), "batch size is not searched locally, so not on Katib either");
        Assert.AreEqual("int", parameters[KatibNames.Epochs].At("parameterType").Text());

        // Objective and algorithm: validation accuracy maximised, Hyperband over epochs up to the local maximum.
        Assert.AreEqual("maximize", spec.At("objective", "type").Text());
        Assert.AreEqual(KatibNames.ValidationAccuracy, spec.At("objective", "objectiveMetricName").Text());
        Assert.AreEqual("hyperband", spec.At("algorithm", "algorithmName").Text());
        var settings = spec.At("algorithm", "algorithmSettings").Items().ToDictionary(s => s.At("name").Text(), s => s.At("value").Text());
        Assert.AreEqual(KatibNames.Epochs, settings["resource_name"]);
        Assert.AreEqual("4", settings["r_l"]);
        Assert.AreEqual("2", settings["eta"]);
        Assert.IsTrue(parameters.ContainsKey(settings["resource_name"]), "Hyperband's resource must be a search parameter");
        // Katib's Hyperband validation: parallelTrialCount ≥ ⌈η^⌊log_η r_l⌋⌉ = 4; by default every first-rung trial (2 × 2) at once.
        Assert.AreEqual(4, int.Parse(spec.At("parallelTrialCount").Text(), CultureInfo.InvariantCulture));
        Assert.AreEqual(4 + 2 + 1, int.Parse(spec.At("maxTrialCount").Text(), CultureInfo.InvariantCulture), "the local rungs: 4, then 2, then 1 trials");

        // Trial parameters: unique names and references; each reference a search parameter or trial metadata; each used in the Job, and nothing else used.
        var template = spec.At("trialTemplate");
        var trialParameters = template.At("trialParameters").Items().Select(p => (Name: p.At("name").Text(), Reference: p.At("reference").Text())).ToList();
        Assert.AreEqual(trialParameters.Count, trialParameters.Select(p => p.Name).Distinct().Count());
        Assert.AreEqual(trialParameters.Count, trialParameters.Select(p => p.Reference).Distinct().Count());
        foreach (var (name, reference) in trialParameters)
            Assert.IsTrue(parameters.ContainsKey(reference) || Regex.IsMatch(reference, @"^\$\{trialSpec\.(Name|Namespace|Kind|APIVersion)\}$"), $"{name} → {reference}");
        CollectionAssert.IsSubsetOf(parameters.Keys.ToList(), trialParameters.Select(p => p.Reference).ToList(), "every assignment needs a trial parameter (Katib's applyParameters)");
        // As Katib's webhook: every ${trialParameters.X} in the template text must be declared (the declarations themselves carry no ${}).
        var templateText = File.ReadAllText(Path.Combine(folder.Path, KatibFiles.ExperimentFile));
        var used = Regex.Matches(templateText, @"\$\{trialParameters\.(.+?)\}").Select(m => m.Groups[1].Value).Distinct().Order().ToList();
        CollectionAssert.AreEquivalent(trialParameters.Select(p => p.Name).ToList(), used);
    }

    [TestMethod]
    public void TrialJobRunsTheWorkerOnTheSharedVolume()
    {
        using var folder = new TempFolder();
        var run = CliRun.Of([.. Emit, "--emit-katib", folder.Path]);
        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var template = KatibFixtures.LoadYaml(Path.Combine(folder.Path, KatibFiles.ExperimentFile)).At("spec", "trialTemplate");
        var job = template.At("trialSpec");
        Assert.AreEqual("batch/v1", job.At("apiVersion").Text());
        Assert.AreEqual("Job", job.At("kind").Text());
        Assert.IsFalse(((YamlMappingNode)job).Children.ContainsKey("metadata"), "Katib names the Job itself: metadata.name and namespace must be omitted");
        var pod = job.At("spec", "template", "spec");
        Assert.IsTrue(pod.At("restartPolicy").Text() is "Never" or "OnFailure");
        var container = pod.At("containers").Items().Single(c => c.At("name").Text() == template.At("primaryContainerName").Text());
        Assert.AreEqual("registry.example/cnnzoo-worker:1", container.At("image").Text());
        var command = container.At("command").Items().Select(a => a.Text()).ToList();
        CollectionAssert.AreEqual(new[] { KatibNames.Executable, "trial" }, command.Take(2).ToList(), "the StdOut collector needs an explicit command to wrap");
        CollectionAssert.IsSubsetOf(new[] { "--max-epochs", "4", "--seed", "3", "--rows", "300", "--validation-fraction", "0.2" }, command);
        Assert.AreEqual("/shared/data/fashion-mnist", command[command.IndexOf("--data-folder") + 1]);
        Assert.AreEqual("/shared/runs", command[command.IndexOf("--runs") + 1]);

        var mount = container.At("volumeMounts", 0);
        var volume = pod.At("volumes").Items().Single(v => v.At("name").Text() == mount.At("name").Text());
        var claim = KatibFixtures.LoadYaml(Path.Combine(folder.Path, KatibFiles.VolumeFile));
        Assert.AreEqual("PersistentVolumeClaim", claim.At("kind").Text());
        Assert.AreEqual(claim.At("metadata", "name").Text(), volume.At("persistentVolumeClaim", "claimName").Text());
        Assert.AreEqual("ReadWriteMany", claim.At("spec", "accessModes", 0).Text());
        Assert.AreEqual(KatibNames.SharedMount, mount.At("mountPath").Text());

        var dockerfile = File.ReadAllText(Path.Combine(folder.Path, KatibFiles.DockerFile));
        StringAssert.Contains(dockerfile, "FROM mcr.microsoft.com/dotnet/runtime:10.0");
        StringAssert.Contains(dockerfile, "GLIBCXX_3.4.32");
        StringAssert.Contains(dockerfile, "noble");
        StringAssert.Contains(dockerfile, "eng/setup.sh");
        StringAssert.Contains(dockerfile, $"ENTRYPOINT [\"{KatibNames.Executable}\"]");
        StringAssert.Contains(File.ReadAllText(Path.Combine(folder.Path, KatibFiles.ReadmeFile)), "/usr/share/datasets/fashion-mnist");
    }

    [TestMethod]
    public void ScheduleKatibCannotRunIsAUsageError()
    {
        using var folder = new TempFolder();
        // Katib's Hyperband with r_l = 6, η = 2 trains to 1, 3, 6 epochs; the local rungs are 1, 2, 4, 6.
        var run = CliRun.Of("compare", "--rows", "300", "--models", "lenet5", "--max-epochs", "6", "--emit-katib", folder.Path);
        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Err, "1, 3, 6");
        StringAssert.Contains(run.Err, "1, 2, 4, 6");

        var parallel = CliRun.Of("compare", "--rows", "300", "--models", "lenet5", "--max-epochs", "4", "--parallel-trials", "2", "--emit-katib", folder.Path);
        Assert.AreEqual(ExitCodes.Usage, parallel.ExitCode, parallel.ToString());
        StringAssert.Contains(parallel.Err, "at least 4");

        var both = CliRun.Of("compare", "--rows", "300", "--emit-katib", folder.Path, "--collect", folder.Path);
        Assert.AreEqual(ExitCodes.Usage, both.ExitCode, both.ToString());
    }

    [TestMethod]
    public void CollectingFromAMissingFolderIsAUsageError()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"cnnzoo-no-runs-{Guid.NewGuid():N}");
        var run = CliRun.Of("compare", "--rows", "300", "--models", "lenet5", "--collect", missing);
        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Err, $"no folder '{missing}'");
    }

    [TestMethod]
    public void HyperbandArithmeticIsKatibs()
    {
        CollectionAssert.AreEqual(new[] { 1, 2, 4 }, KatibHyperband.FirstBracketEpochs(4, 2).ToList());
        CollectionAssert.AreEqual(new[] { 1, 3, 9 }, KatibHyperband.FirstBracketEpochs(9, 3).ToList());
        CollectionAssert.AreEqual(new[] { 1, 3, 6 }, KatibHyperband.FirstBracketEpochs(6, 2).ToList());
        Assert.AreEqual(8, KatibHyperband.MinimumParallelTrials(8, 2));
        Assert.AreEqual(1, KatibHyperband.MinimumParallelTrials(2, 3), "r_l < η: one bracket of one rung");
    }

    [TestMethod]
    public void MetricLinesReadBackExactlyThroughKatibsFilter()
    {
        Assert.AreEqual(@"([\w|-]+)\s*=\s*([+-]?\d*(\.\d+)?([Ee][+-]?\d+)?)", KatibFixtures.DefaultMetricsFilter.ToString());
        var record = new TrialRecord("lenet5", 0.05, 128, 1, 2, 4, "t", Accuracy: 0.1 + 0.2, LogLoss: 1.2345678901234567e-5, 0, 0, 0, 0,
            new CnnZoo.MLNet.Training.TrainingResult(CnnZoo.MLNet.Training.TrainingStopReason.Completed, 2, 0, 10, "val_acc", 2, 0.3, false, [], null));
        var epoch = new CnnZoo.MLNet.Training.EpochMetrics(2, 4, 10, 0.5, 0.75, 0.6, 2.0 / 3, 0.01, 1000, TimeSpan.FromSeconds(3));
        var output = KatibMetricLines.Epoch(epoch, DateTimeOffset.UnixEpoch) + "\n" + KatibMetricLines.Result(record, DateTimeOffset.UnixEpoch) + "\n";
        StringAssert.StartsWith(output, "1970-01-01T00:00:00.0000000Z ", "an RFC 3339 timestamp first, as the collector expects");
        var metrics = KatibFixtures.ParseMetrics(output, [KatibNames.ValidationAccuracy, KatibNames.LogLoss, KatibNames.TrainLoss, KatibNames.Epoch]);
        CollectionAssert.AreEqual(new[] { KatibNames.Epoch, KatibNames.TrainLoss, KatibNames.ValidationAccuracy, KatibNames.ValidationAccuracy, KatibNames.LogLoss }, metrics.Select(m => m.Name).ToList());
        Assert.AreEqual(2.0 / 3, double.Parse(metrics[2].Value, CultureInfo.InvariantCulture));
        Assert.AreEqual(0.1 + 0.2, double.Parse(metrics[3].Value, CultureInfo.InvariantCulture), "latest validation-accuracy: the evaluation, exact");
        Assert.AreEqual(1.2345678901234567e-5, double.Parse(metrics[4].Value, CultureInfo.InvariantCulture));
    }

    private static List<string> List(YamlNode parameter) => parameter.At("feasibleSpace", "list").Items().Select(v => v.Text()).ToList();

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
