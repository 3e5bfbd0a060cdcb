using System.Globalization;
using CnnZoo.Cli.Katib;
using CnnZoo.MLNet.Data;
using Microsoft.ML;

namespace CnnZoo.Cli.Tests.Katib;

/// <summary>
/// The emitted experiment run here without Kubernetes: Hyperband's first bracket over the local grid (every trial at the
/// first rung's epochs, then the best 1/η at the next), each trial the template's command with Katib's substitution,
/// its metrics read with Katib's filter. The numbers must be the local comparison's, and <c>--collect</c> must turn the
/// runs into the local leaderboard and a loadable best model.
/// </summary>
[TestClass]
[TestCategory("Slow")]
public sealed class KatibDryRunTests
{
    private static readonly string[] Comparison =
        ["--rows", "1500", "--test-rows", "200", "--models", "lenet5", "--lr", "0.001,0.003", "--min-epochs", "1", "--max-epochs", "2", "--eta", "2", "--seed", "5"];

    private static readonly string[] Metrics = [KatibNames.ValidationAccuracy, KatibNames.LogLoss];

    [TestMethod]
    public void TrialsOfTheExperimentScoreAsTheLocalComparisonAndCollectIntoItsLeaderboard()
    {
        using var folder = new TempFolder();
        var local = CliRun.Of(["compare", .. Comparison, "--report", folder.Sub("local-report"), "--output", folder.Sub("local-best.zip")]);
        Assert.AreEqual(ExitCodes.Success, local.ExitCode, local.ToString());
        var localBoard = Leaderboard(folder.Sub("local-report"));

        var emit = CliRun.Of(["compare", .. Comparison, "--emit-katib", folder.Sub("katib")]);
        Assert.AreEqual(ExitCodes.Success, emit.ExitCode, emit.ToString());
        var template = new KatibTrialTemplate(Path.Combine(folder.Sub("katib"), KatibFiles.ExperimentFile));
        var volume = folder.Sub("volume");
        Directory.CreateDirectory(Path.Combine(volume, KatibNames.DataFolder));
        // "Copy the data onto the volume": a link to this machine's Fashion-MNIST.
        Directory.CreateSymbolicLink(Path.Combine(volume, KatibNames.DataFolder, "fashion-mnist"), CnnZooData.DefaultFashionMnistFolder.TrimEnd('/'));

        // Hyperband's first bracket (service.py: the master bracket at r = r_l·η^−s_max, then the top ⌈n/η⌉ at r·η), over the grid.
        var eta = int.Parse(template.Settings["eta"], CultureInfo.InvariantCulture);
        var epochs = KatibHyperband.FirstBracketEpochs(int.Parse(template.Settings["r_l"], CultureInfo.InvariantCulture), eta);
        var grid = template.SearchSpace[KatibNames.Architecture].SelectMany(a => template.SearchSpace[KatibNames.LearningRate],
            (a, lr) => new Dictionary<string, string> { [KatibNames.Architecture] = a, [KatibNames.LearningRate] = lr }).ToList();
        var scores = new Dictionary<(string Architecture, string Rate, int Epochs), (double Accuracy, double LogLoss)>();
        var trialNumber = 0;
        var rung = grid;
        foreach (var resource in epochs)
        {
            foreach (var assignment in rung)
            {
                var command = template.Command(new Dictionary<string, string>(assignment) { [template.Settings["resource_name"]] = Text(resource) }, $"trial-{++trialNumber}", volume);
                var run = KatibTrialTemplate.Run(command);
                Assert.AreEqual(ExitCodes.Success, run.ExitCode, $"{string.Join(' ', command)}\n{run}");
                // A promoted trial continues from its shorter run's checkpoint, as the local survivor does.
                Assert.AreEqual(resource > epochs[0], run.Err.Contains("continuing from the finished", StringComparison.Ordinal), run.Err);
                var metrics = KatibFixtures.ParseMetrics(run.Out, Metrics);
                // metricStrategies: latest.
                scores[(assignment[KatibNames.Architecture], assignment[KatibNames.LearningRate], resource)] =
                    (Latest(metrics, KatibNames.ValidationAccuracy), Latest(metrics, KatibNames.LogLoss));
            }
            // Katib orders by the objective; ties go by log-loss here, as the local leaderboard breaks them.
            rung = rung.OrderByDescending(a => scores[(a[KatibNames.Architecture], a[KatibNames.LearningRate], resource)].Accuracy)
                .ThenBy(a => scores[(a[KatibNames.Architecture], a[KatibNames.LearningRate], resource)].LogLoss)
                .Take((rung.Count + eta - 1) / eta).ToList();
        }

        Assert.AreEqual(2, localBoard.Count);
        foreach (var row in localBoard)
        {
            var rate = Text(double.Parse(row["learning_rate"], CultureInfo.InvariantCulture));
            var rungAccuracies = row["rung_accuracies"].Split(';').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
            for (var r = 0; r < rungAccuracies.Count; r++)
                Assert.AreEqual(rungAccuracies[r], scores[(row["architecture"], rate, epochs[r])].Accuracy, $"{row["trial"]} at {epochs[r]} epochs: Katib's trial vs the local rung");
            var final = scores[(row["architecture"], rate, epochs[rungAccuracies.Count - 1])];
            Assert.AreEqual(double.Parse(row["accuracy"], CultureInfo.InvariantCulture), final.Accuracy);
            Assert.AreEqual(double.Parse(row["log_loss"], CultureInfo.InvariantCulture), final.LogLoss);
        }
        Assert.AreEqual(3, scores.Count, "two trials at 1 epoch, the better one at 2");

        var collect = CliRun.Of(["compare", .. Comparison, "--collect", Path.Combine(volume, KatibNames.RunsFolder), "--report", folder.Sub("collected-report"), "--output", folder.Sub("collected-best.zip")]);
        Assert.AreEqual(ExitCodes.Success, collect.ExitCode, collect.ToString());
        Assert.IsFalse(collect.Err.Contains("note:", StringComparison.Ordinal), collect.Err);
        var collectedBoard = Leaderboard(folder.Sub("collected-report"));
        string[] sameColumns = ["rank", "trial", "architecture", "learning_rate", "batch_size", "accuracy", "top5_accuracy", "macro_f1", "log_loss",
            "parameters", "macs", "epochs", "rung_reached", "stop_reason", "rung_accuracies"];
        Assert.AreEqual(localBoard.Count, collectedBoard.Count);
        for (var i = 0; i < localBoard.Count; i++)
            foreach (var column in sameColumns)
                Assert.AreEqual(localBoard[i][column], collectedBoard[i][column], $"row {i + 1}, {column}");
        foreach (var chart in new[] { "learning_curves.png", "accuracy_vs_params.svg", "confusion_matrix.png", "leaderboard.html" })
            Assert.IsTrue(File.Exists(Path.Combine(folder.Sub("collected-report"), chart)), chart);

        // The best model loads with ml.Model.Load and scores the test split as the local comparison's winner.
        var ml = new MLContext(1);
        var test = CnnZooData.LoadFashionMnist(ml, "test", null, 200);
        var (collectedAccuracy, collectedLogLoss) = Score(ml, folder.Sub("collected-best.zip"), test);
        var (localAccuracy, localLogLoss) = Score(ml, folder.Sub("local-best.zip"), test);
        Assert.IsTrue(collectedAccuracy > 0.3, $"test accuracy {collectedAccuracy}");
        Assert.AreEqual(localAccuracy, collectedAccuracy);
        Assert.AreEqual(localLogLoss, collectedLogLoss);
    }

    private static (double Accuracy, double LogLoss) Score(MLContext ml, string path, IDataView test)
    {
        var model = ml.Model.Load(path, out _);
        try
        {
            var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
            return (metrics.MicroAccuracy, metrics.LogLoss);
        }
        finally { (model as IDisposable)?.Dispose(); }
    }

    private static double Latest(List<(string Name, string Value)> metrics, string name) =>
        double.Parse(metrics.Last(m => m.Name == name).Value, CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => KatibMetricLines.Value(value);

    /// <summary>leaderboard.csv as rows of column → text (no quoted commas in these tests' trial names).</summary>
    private static List<Dictionary<string, string>> Leaderboard(string reportFolder)
    {
        var lines = File.ReadAllLines(Path.Combine(reportFolder, "leaderboard.csv")).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',').Select((cell, i) => (header[i], cell.Trim('"'))).ToDictionary(c => c.Item1, c => c.Item2)).ToList();
    }
}
