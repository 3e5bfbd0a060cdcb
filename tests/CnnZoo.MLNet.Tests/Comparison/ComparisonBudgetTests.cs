using CnnZoo.MLNet.Comparison;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>A comparison that fits its budget: the data read once for every trial, epochs of a set number of images, no trial started that cannot finish.</summary>
[TestClass]
public sealed class ComparisonBudgetTests
{
    private static ComparisonOptions Options(MLContext ml, params string[] candidates) => ComparisonBehaviourTests.Options(ml, candidates);

    [TestMethod]
    [TestCategory("Slow")]
    public void EveryViewIsReadOnceForAllTrialsAndRungs()
    {
        var ml = new MLContext(1);
        var data = new CursorCountingView(FashionMnist.Train(ml, 300), "Features");
        var options = Options(ml, "lenet5");
        options.SearchSpace = new SearchSpace { LearningRates = [1e-3, 3e-3, 1e-2] };
        using var cache = new TrainingDataCache();
        options.DataCache = cache;

        using var result = ml.MulticlassClassification.CompareCnns(options).Execute(data);

        Assert.HasCount(2, result.Rungs, "two rungs");
        Assert.HasCount(3, result.Leaderboard);
        var trainingRuns = result.Leaderboard.Sum(t => t.RungAccuracies.Count);
        Assert.AreEqual(5, trainingRuns, "3 trials on rung 1, 2 on rung 2");
        Assert.AreEqual(2, cache.Reads, "the training and the validation split, once each");
        // Beyond the two reads into the shared stores, the images are only read to score each rung's model for the
        // leaderboard: one scoring pass, whose batch scorer reads ahead with a second cursor beside the row cursor.
        Assert.AreEqual(2 + 2 * trainingRuns, data.FeatureCursors, "no training run read the data itself");
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void EpochsOfASetNumberOfImages()
    {
        var ml = new MLContext(1);
        var options = Options(ml, "lenet5");
        options.ImagesPerEpoch = 100;

        using var result = ml.MulticlassClassification.CompareCnns(options).Execute(FashionMnist.Train(ml, 300));

        Assert.AreEqual(100, result.ImagesPerEpoch);
        var curve = result.Leaderboard.Single().LearningCurve;
        CollectionAssert.AreEqual(new long[] { 4, 8 }, curve.Select(m => m.Step).ToArray(), "100 images in batches of 32: 4 steps an epoch");
        StringAssert.Contains(result.ToString(), "epochs of 100 images");
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void ATrialThatCannotFinishItsRungInTheTimeLeftIsNotStarted()
    {
        var ml = new MLContext(1);
        var options = Options(ml, "lenet5", "resnet20_cifar");
        // Rungs at 1 and 5,000 epochs: the second rung would take far longer than the minute the comparison has.
        (options.MaxEpochs, options.ReductionFactor, options.TimeBudget) = (5000, 5000, TimeSpan.FromMinutes(1));
        var stages = new List<ComparisonProgress>();
        options.Progress = new SynchronousProgress<ComparisonProgress>(stages.Add);

        using var result = ml.MulticlassClassification.CompareCnns(options).Execute(FashionMnist.Train(ml, 300));

        Assert.IsLessThan(TimeSpan.FromMinutes(1), result.Elapsed, "it stopped instead of running into the budget");
        Assert.HasCount(2, result.Leaderboard, "both trials ran their first rung (LeNet-5's speed says nothing of resnet20_cifar's: no estimate)");
        var skipped = stages.Single(p => p.Stage == ComparisonStage.TrialSkipped);
        Assert.AreEqual(1, skipped.Rung);
        StringAssert.Contains(skipped.Message, "not started on rung 2");
        StringAssert.Contains(skipped.Message, "s of the time budget are left");
        var survivor = result.Leaderboard.Single(t => t.Trial == skipped.Trial);
        Assert.AreEqual(TrialStopReason.TimeBudget, survivor.StopReason);
        Assert.AreEqual(1, survivor.EpochsRun, "it kept its first rung");
        Assert.AreEqual(skipped.Message, result.Notes.Single());
        Assert.IsTrue(result.TimeBudgetExhausted);
        StringAssert.Contains(new ComparisonReport(result).ToText(), "not started on rung 2");
    }

    [TestMethod]
    public void AnImageCountBelowOneIsRefused()
    {
        var ml = new MLContext(1);
        var options = Options(ml, "lenet5");
        options.ImagesPerEpoch = 0;
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.CompareCnns(options));
        StringAssert.Contains(error.Message, "ComparisonOptions.ImagesPerEpoch must be null (every training image) or at least 1; got 0");
    }

    /// <summary>Passes a view through, counting the cursors that read <paramref name="column"/>.</summary>
    private sealed class CursorCountingView(IDataView inner, string column) : IDataView
    {
        public int FeatureCursors { get; private set; }
        public bool CanShuffle => inner.CanShuffle;
        public DataViewSchema Schema => inner.Schema;
        public long? GetRowCount() => inner.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        {
            var columns = columnsNeeded.ToList();
            Count(columns);
            return inner.GetRowCursor(columns, rand);
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        {
            var columns = columnsNeeded.ToList();
            Count(columns);
            return inner.GetRowCursorSet(columns, n, rand);
        }

        private void Count(List<DataViewSchema.Column> columns)
        {
            if (columns.Any(c => c.Name == column)) FeatureCursors++;
        }
    }
}
