using CnnZoo.MLNet.Comparison;
using Microsoft.ML;

namespace CnnZoo.MLNet.Tests;

/// <summary>Cancellation, the time budget, reproducibility, the search space and option checks, on small LeNet-5 runs.</summary>
[TestClass]
public sealed class ComparisonBehaviourTests
{
    /// <summary>Small LeNet-5-sized comparisons: two rungs (1 and 2 epochs), AdamW, batch 32, seed 7.</summary>
    internal static ComparisonOptions Options(MLContext ml, params string[] candidates) => new()
    {
        Preprocessing = ml.Transforms.Conversion.MapValueToKey("Label"),
        Candidates = candidates,
        MinEpochs = 1, MaxEpochs = 2, Seed = 7,
        ConfigureTrainer = o => { o.Preset = "adamw_cosine"; o.BatchSize = 32; },
    };

    [TestMethod]
    [TestCategory("Slow")]
    public void CancellationAfterTheFirstTrialReturnsThePartialLeaderboard()
    {
        var ml = new MLContext(1);
        using var cancel = new CancellationTokenSource();
        var options = Options(ml, "lenet5", "resnet20_cifar", "plain20_cifar");
        options.CancellationToken = cancel.Token;
        options.Progress = new SynchronousProgress<ComparisonProgress>(p => { if (p.Stage == ComparisonStage.TrialEvaluated) cancel.Cancel(); });

        using var result = ml.MulticlassClassification.CompareCnns(options).Execute(FashionMnist.Train(ml, 300));

        Assert.IsTrue(result.WasCancelled);
        Assert.IsFalse(result.TimeBudgetExhausted);
        Assert.HasCount(1, result.Leaderboard);
        Assert.AreEqual("lenet5", result.Leaderboard[0].Architecture);
        Assert.AreEqual(TrialStopReason.Cancelled, result.Leaderboard[0].StopReason);
        CollectionAssert.AreEqual(new[] { "resnet20_cifar", "plain20_cifar" }, result.NotRun.Select(t => t.Architecture).ToArray());
        Assert.IsNotNull(result.Best, "the best so far is still returned");
        StringAssert.Contains(new ComparisonReport(result).ToText(), "(cancelled)");
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void SameSeedGivesTheSameLeaderboard()
    {
        ComparisonResult Run()
        {
            var ml = new MLContext(1);
            var options = Options(ml, "lenet5");
            options.SearchSpace = new SearchSpace { LearningRates = [1e-3, 3e-3], BatchSizes = [32, 64] };
            return ml.MulticlassClassification.CompareCnns(options).Execute(FashionMnist.Train(ml, 300));
        }
        using var first = Run();
        using var second = Run();

        Assert.HasCount(4, first.Leaderboard, "lenet5 × 2 rates × 2 batch sizes");
        CollectionAssert.AreEqual(first.Leaderboard.Select(t => t.Name).ToArray(), second.Leaderboard.Select(t => t.Name).ToArray());
        CollectionAssert.AreEqual(first.Leaderboard.Select(t => t.Accuracy).ToArray(), second.Leaderboard.Select(t => t.Accuracy).ToArray());
        CollectionAssert.AreEqual(first.Leaderboard.Select(t => t.LogLoss).ToArray(), second.Leaderboard.Select(t => t.LogLoss).ToArray());
        CollectionAssert.AreEquivalent(
            new[] { "lenet5 lr=0.001 bs=32", "lenet5 lr=0.001 bs=64", "lenet5 lr=0.003 bs=32", "lenet5 lr=0.003 bs=64" },
            first.Leaderboard.Select(t => t.Name).ToArray());
        Assert.IsTrue(first.Leaderboard.All(t => t.Trial.BatchSize is 32 or 64 && t.Trial.LearningRate is 1e-3 or 3e-3));
    }

    [TestMethod]
    public void AnExhaustedTimeBudgetEndsTheComparison()
    {
        var ml = new MLContext(1);
        var options = Options(ml, "lenet5", "resnet20_cifar");
        options.TimeBudget = TimeSpan.FromMilliseconds(1);

        using var result = ml.MulticlassClassification.CompareCnns(options).Execute(FashionMnist.Train(ml, 100));

        Assert.IsTrue(result.TimeBudgetExhausted);
        Assert.IsFalse(result.WasCancelled);
        Assert.IsEmpty(result.Leaderboard);
        Assert.IsNull(result.Best);
        Assert.IsEmpty(result.Failures, string.Join("; ", result.Failures));
        Assert.HasCount(2, result.NotRun);
        var folder = Path.Combine(Path.GetTempPath(), $"cnnzoo-empty-{Guid.NewGuid():N}");
        try
        {
            var written = new ComparisonReport(result).WriteTo(folder);
            Assert.IsFalse(written.Any(p => p.EndsWith(".png", StringComparison.Ordinal)), "no charts without trials");
            StringAssert.Contains(File.ReadAllText(Path.Combine(folder, "leaderboard.txt")), "No trial was evaluated");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void AFailingTrialIsListedAndTheOthersGoOn()
    {
        var ml = new MLContext(1);
        var options = Options(ml, "lenet5", "resnet20_cifar");
        options.MaxEpochs = 1;
        var architectures = new List<string>();
        options.ConfigureTrainer = o =>
        {
            architectures.Add(o.Architecture);
            o.BatchSize = 32;
            // Planning configures each trial once; the second configuration of resnet20_cifar is its training run.
            if (architectures.Count(a => a == "resnet20_cifar") == 2) throw new InvalidOperationException("broken trial");
        };

        using var result = ml.MulticlassClassification.CompareCnns(options).Execute(FashionMnist.Train(ml, 200));

        var failure = result.Failures.Single();
        Assert.AreEqual("resnet20_cifar", failure.Trial.Architecture);
        Assert.AreEqual(0, failure.Rung);
        StringAssert.Contains(failure.Message, "broken trial");
        Assert.AreEqual("lenet5", result.Leaderboard.Single().Architecture);
        Assert.IsEmpty(result.NotRun);
        StringAssert.Contains(new ComparisonReport(result).ToMarkdown(), "broken trial");
    }

    [TestMethod]
    public void CandidatesAreCheckedAgainstTheData()
    {
        var ml = new MLContext(1);
        var data = FashionMnist.Train(ml, 50);
        var unknown = Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.CompareCnns(Options(ml, "lenet5", "resnet7")).Execute(data));
        StringAssert.Contains(unknown.Message, "resnet7");
        var tooSmall = Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.CompareCnns(Options(ml, "lenet5", "alexnet_2012")).Execute(data));
        StringAssert.Contains(tooSmall.Message, "alexnet_2012");
        var notKeyed = Options(ml, "lenet5");
        notKeyed.Preprocessing = null;
        var label = Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.CompareCnns(notKeyed).Execute(data));
        StringAssert.Contains(label.Message, "MapValueToKey");
    }

    [TestMethod]
    public void OptionsAreValidated()
    {
        var ml = new MLContext(1);
        ComparisonOptions With(Action<ComparisonOptions> change)
        {
            var options = Options(ml, "lenet5");
            change(options);
            return options;
        }
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.CompareCnns(With(o => o.MaxEpochs = 0)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.CompareCnns(With(o => o.ReductionFactor = 1)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.CompareCnns(With(o => o.ValidationFraction = 0)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.CompareCnns(With(o => o.Candidates = [])));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.CompareCnns(With(o => o.TimeBudget = TimeSpan.Zero)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.CompareCnns(With(o => o.SearchSpace = new SearchSpace { LearningRates = [-1] })));
        Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.CompareCnns(With(o => o.SearchSpace = new SearchSpace { BatchSizes = [32, 32] })));
    }
}
