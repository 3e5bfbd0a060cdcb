using CnnZoo.MLNet.Comparison;
using CnnZoo.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>
/// One small comparison on real Fashion-MNIST (600 images, four candidates, rungs at 1, 2 and 3 epochs), shared by the
/// tests below: the leaderboard, successive halving, the metrics, the best model, progress and the reports.
/// </summary>
[TestCategory("Slow")]
[TestClass]
public sealed class ComparisonFashionMnistTests
{
    private static readonly string[] Candidates = ["lenet5", "resnet20_cifar", "plain20_cifar", "resnet32_cifar"];
    private static MLContext _ml = null!;
    private static ComparisonResult _result = null!;
    private static List<ComparisonProgress> _progress = null!;
    private static string _reportFolder = null!;
    private static IReadOnlyList<string> _written = null!;

    [ClassInitialize]
    public static void RunComparison(TestContext _)
    {
        _ml = new MLContext(seed: 1);
        _progress = [];
        var options = new ComparisonOptions
        {
            Preprocessing = _ml.Transforms.Conversion.MapValueToKey("Label"),
            Candidates = Candidates,
            MinEpochs = 1, MaxEpochs = 3, ReductionFactor = 2, Seed = 3,
            ConfigureTrainer = o => { o.Preset = "adamw_cosine"; o.BatchSize = 32; },
            Progress = new SynchronousProgress<ComparisonProgress>(_progress.Add),
        };
        _result = _ml.MulticlassClassification.CompareCnns(options).Execute(FashionMnist.Train(_ml, 600));
        _reportFolder = Path.Combine(Path.GetTempPath(), $"cnnzoo-comparison-{Guid.NewGuid():N}");
        _written = new ComparisonReport(_result).WriteTo(_reportFolder);
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _result?.Dispose();
        if (_reportFolder is not null && Directory.Exists(_reportFolder)) Directory.Delete(_reportFolder, recursive: true);
    }

    [TestMethod]
    public void LeaderboardListsEveryCandidateOnceBestFirst()
    {
        var board = _result.Leaderboard;
        CollectionAssert.AreEquivalent(Candidates, board.Select(t => t.Architecture).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(1, board.Count).ToArray(), board.Select(t => t.Rank).ToArray());
        for (var i = 1; i < board.Count; i++)
            Assert.IsGreaterThanOrEqualTo(board[i].Accuracy, board[i - 1].Accuracy, $"row {i + 1} is more accurate than row {i}");
        Assert.AreSame(board[0], _result.BestTrial);
        Assert.IsFalse(_result.WasCancelled);
        Assert.IsFalse(_result.TimeBudgetExhausted);
        Assert.IsEmpty(_result.Failures);
        Assert.IsEmpty(_result.NotRun);
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, _result.RungEpochs.ToArray());
    }

    [TestMethod]
    public void HalvingStoppedTheWeakerHalfOfEachRung()
    {
        var byName = _result.Leaderboard.ToDictionary(t => t.Name);
        Assert.HasCount(3, _result.Rungs);
        int[] trialsPerRung = [4, 2, 1];
        for (var rung = 0; rung < 3; rung++)
        {
            var summary = _result.Rungs[rung];
            Assert.HasCount(trialsPerRung[rung], summary.Trials, $"rung {rung + 1}");
            if (rung == 2)
            {
                Assert.IsEmpty(summary.Stopped);
                continue;
            }
            Assert.HasCount(trialsPerRung[rung + 1], summary.Promoted, $"rung {rung + 1} promotes half");
            Assert.HasCount(trialsPerRung[rung] - trialsPerRung[rung + 1], summary.Stopped, $"rung {rung + 1} stops half");
            var weakestPromoted = summary.Promoted.Min(t => byName[t.Name].RungAccuracies[rung]);
            foreach (var stopped in summary.Stopped.Select(t => byName[t.Name]))
            {
                Assert.IsLessThanOrEqualTo(weakestPromoted, stopped.RungAccuracies[rung], $"{stopped.Name} was stopped on rung {rung + 1} but beat a survivor there");
                Assert.AreEqual(TrialStopReason.Halved, stopped.StopReason);
                Assert.AreEqual(rung, stopped.RungReached);
                Assert.AreEqual(_result.RungEpochs[rung], stopped.EpochsRun, $"{stopped.Name} trained past its rung");
            }
            CollectionAssert.AreEquivalent(summary.Promoted.ToArray(), _result.Rungs[rung + 1].Trials.ToArray());
        }
        var finalist = byName[_result.Rungs[2].Trials.Single().Name];
        Assert.AreEqual(TrialStopReason.Completed, finalist.StopReason);
        Assert.AreEqual(3, finalist.EpochsRun, "the survivor trains the full budget");
        CollectionAssert.AreEquivalent(_result.Rungs.SelectMany(r => r.Stopped).ToArray(), _result.StoppedTrials.Select(t => t.Trial).ToArray());
    }

    [TestMethod]
    public void LearningCurvesContinueAcrossRungs()
    {
        foreach (var trial in _result.Leaderboard)
        {
            CollectionAssert.AreEqual(Enumerable.Range(1, trial.EpochsRun).ToArray(), trial.LearningCurve.Select(m => m.Epoch).ToArray(), trial.Name);
            Assert.IsTrue(trial.LearningCurve.All(m => m.ValidationAccuracy is >= 0 and <= 1), $"{trial.Name}: every epoch is validated");
            Assert.HasCount(trial.RungReached + 1, trial.RungAccuracies);
            Assert.AreEqual(trial.Accuracy, trial.RungAccuracies[^1]);
        }
        var finalist = _result.Leaderboard.Single(t => t.StopReason == TrialStopReason.Completed);
        // The schedule is planned for the whole budget, so the rate keeps falling across the pauses between rungs.
        var rates = finalist.LearningCurve.Select(m => m.LearningRate).ToList();
        for (var i = 1; i < rates.Count; i++) Assert.IsLessThan(rates[i - 1], rates[i], "cosine schedule continues over the rungs");
    }

    [TestMethod]
    public void EveryTrialHasItsMetricsAndCosts()
    {
        foreach (var t in _result.Leaderboard)
        {
            Assert.IsTrue(t.Accuracy is > 0 and <= 1, $"{t.Name} accuracy {t.Accuracy}");
            Assert.IsTrue(t.Top5Accuracy >= t.Accuracy && t.Top5Accuracy <= 1, $"{t.Name} top-5 {t.Top5Accuracy}");
            Assert.IsTrue(t.MacroF1 is >= 0 and <= 1, $"{t.Name} macro-F1 {t.MacroF1}");
            Assert.IsTrue(t.LogLoss > 0 && double.IsFinite(t.LogLoss), $"{t.Name} log-loss {t.LogLoss}");
            Assert.AreEqual(t.Metrics.MicroAccuracy, t.Accuracy);
            Assert.IsGreaterThan(0L, t.Parameters);
            Assert.IsGreaterThan(0L, t.Macs);
            Assert.IsGreaterThan(TimeSpan.Zero, t.TrainTime);
            Assert.IsGreaterThan(0.0, t.ImagesPerSecond);
            Assert.IsGreaterThan(0.0, t.InferenceMsPerImage);
            Assert.IsGreaterThan(0L, t.PeakMemoryBytes);
            Assert.IsNull(t.Error);
        }
        var lenet = _result.Leaderboard.Single(t => t.Architecture == "lenet5");
        Assert.AreEqual(61_706L, lenet.Parameters, "LeNet-5 for 10 classes at 28×28");
        var resnet20 = _result.Leaderboard.Single(t => t.Architecture == "resnet20_cifar");
        var plain20 = _result.Leaderboard.Single(t => t.Architecture == "plain20_cifar");
        Assert.AreEqual(resnet20.Parameters, plain20.Parameters, "option-A shortcuts add no parameters");
        Assert.AreEqual(10, _result.ClassNames.Count);
        CollectionAssert.AreEquivalent(CnnZoo.MLNet.Data.CnnZooData.FashionMnistClassNames.ToArray(), _result.ClassNames.ToArray());
    }

    [TestMethod]
    public void BestIsAFittedPipelineThatScoresSavesAndLoads()
    {
        Assert.IsNotNull(_result.Best);
        Assert.IsNotNull(_result.BestModel);
        Assert.AreEqual(_result.BestTrial!.Architecture, _result.BestModel.Architecture);
        Assert.AreSame(_result.BestModel, ((TransformerChain<ITransformer>)_result.Best).LastTransformer);

        var test = FashionMnist.Test(_ml, 200);
        var metrics = _ml.MulticlassClassification.Evaluate(_result.Best.Transform(test));
        Assert.IsGreaterThan(0.3, metrics.MicroAccuracy, "better than chance on unseen images");

        var path = Path.Combine(Path.GetTempPath(), $"cnnzoo-best-{Guid.NewGuid():N}.zip");
        try
        {
            _ml.Model.Save(_result.Best, test.Schema, path);
            var loaded = _ml.Model.Load(path, out _);
            Assert.AreEqual(metrics.MicroAccuracy, _ml.MulticlassClassification.Evaluate(loaded.Transform(test)).MicroAccuracy, 1e-9);
            (loaded as IDisposable)?.Dispose();
        }
        finally { File.Delete(path); }
    }

    [TestMethod]
    public void ProgressReportsEveryStage()
    {
        Assert.AreEqual(ComparisonStage.Started, _progress[0].Stage);
        Assert.AreEqual(ComparisonStage.Finished, _progress[^1].Stage);
        var epochs = _progress.Where(p => p.Stage == ComparisonStage.Epoch).ToList();
        Assert.HasCount(_result.Leaderboard.Sum(t => t.EpochsRun), epochs, "one report per epoch trained");
        Assert.HasCount(_result.Leaderboard.Sum(t => t.RungAccuracies.Count), _progress.Where(p => p.Stage == ComparisonStage.TrialEvaluated).ToList());
        Assert.HasCount(3, _progress.Where(p => p.Stage == ComparisonStage.RungCompleted).ToList());
        Assert.IsTrue(_progress.All(p => !string.IsNullOrWhiteSpace(p.ToString())));
        StringAssert.Contains(epochs[0].ToString(), "val_acc");
    }

    [TestMethod]
    public void ReportsAndChartsAreWrittenAndNonEmpty()
    {
        string[] expected =
        [
            "leaderboard.txt", "leaderboard.md", "leaderboard.csv", "leaderboard.html", "learning_curves.csv",
            "learning_curves.png", "learning_curves.svg", "accuracy_vs_params.png", "accuracy_vs_params.svg",
            "accuracy_vs_time.png", "accuracy_vs_time.svg", "confusion_matrix.png", "confusion_matrix.svg",
        ];
        CollectionAssert.AreEquivalent(expected, _written.Select(Path.GetFileName).ToArray());
        byte[] pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        foreach (var png in _written.Where(p => p.EndsWith(".png", StringComparison.Ordinal)))
        {
            var bytes = File.ReadAllBytes(png);
            Assert.IsGreaterThan(5_000, bytes.Length, png);
            CollectionAssert.AreEqual(pngSignature, bytes[..8], png);
        }
        foreach (var svg in _written.Where(p => p.EndsWith(".svg", StringComparison.Ordinal)))
            StringAssert.Contains(File.ReadAllText(svg), "<svg", svg);

        var text = File.ReadAllText(Path.Combine(_reportFolder, "leaderboard.txt"));
        var markdown = File.ReadAllText(Path.Combine(_reportFolder, "leaderboard.md"));
        var html = File.ReadAllText(Path.Combine(_reportFolder, "leaderboard.html"));
        foreach (var name in Candidates)
        {
            StringAssert.Contains(text, name);
            StringAssert.Contains(markdown, $"| {name} |");
            StringAssert.Contains(html, $"<td>{name}</td>");
        }
        Assert.AreEqual(4, html.Split("<svg").Length - 1, "the four charts are inline");
        Assert.DoesNotContain("<?xml", html);
        var ids = System.Text.RegularExpressions.Regex.Matches(html, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.HasCount(ids.Count, ids.Distinct().ToList(), "element ids are unique across the inline charts");
        var csv = File.ReadAllLines(Path.Combine(_reportFolder, "leaderboard.csv"));
        Assert.HasCount(1 + Candidates.Length, csv);
        StringAssert.StartsWith(csv[0], "rank,trial,architecture");
        var curves = File.ReadAllLines(Path.Combine(_reportFolder, "learning_curves.csv"));
        Assert.HasCount(1 + _result.Leaderboard.Sum(t => t.EpochsRun), curves);
        StringAssert.Contains(File.ReadAllText(Path.Combine(_reportFolder, "confusion_matrix.svg")), _result.ClassNames[0]);
    }
}
