using CnnZoo.MLNet.Scoring;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class TrainerBehaviourTests
{
    private static CnnTransformer Train(MLContext ml, IDataView data, CnnTrainer.Options options)
    {
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        return ml.MulticlassClassification.Trainers.Cnn(options).Fit(keyed);
    }

    private static CnnTrainer.Options WithSeed(CnnTrainer.Options options, int seed)
    {
        options.Seed = seed;
        return options;
    }

    private static CnnTrainer.Options LeNet(int epochs = 1) => new() { Architecture = "lenet5", Epochs = epochs, BatchSize = 32, LearningRate = 0.002 };

    [TestMethod]
    public void SameSeedGivesBitIdenticalWeights()
    {
        var ml = new MLContext();
        var data = FashionMnist.Train(ml, 128);
        using var a = Train(ml, data, WithSeed(LeNet(), 5));
        using var b = Train(ml, data, WithSeed(LeNet(), 5));
        using var c = Train(ml, data, WithSeed(LeNet(), 6));
        var (wa, wb, wc) = (a.Network.Module.state_dict(), b.Network.Module.state_dict(), c.Network.Module.state_dict());
        Assert.IsTrue(wa.All(kv => kv.Value.Equals(wb[kv.Key])), "same seed, same weights");
        Assert.IsFalse(wa.All(kv => kv.Value.Equals(wc[kv.Key])), "another seed, other weights");
    }

    [TestMethod]
    public void CancellationStopsWithinABatchAndLeavesAUsableModel()
    {
        var ml = new MLContext(1);
        using var cancel = new CancellationTokenSource();
        var options = LeNet(epochs: 50);
        options.CancellationToken = cancel.Token;
        options.Progress = new Callback(_ => cancel.Cancel());
        using var model = Train(ml, FashionMnist.Train(ml, 256), options);
        Assert.AreEqual(TrainingStopReason.Cancelled, model.TrainingResult!.StopReason);
        Assert.IsLessThan(5, model.TrainingResult.EpochsCompleted);
        var scores = FashionMnist.Scores(ml, model, ml.Transforms.Conversion.MapValueToKey("Label").Fit(FashionMnist.Test(ml, 8)).Transform(FashionMnist.Test(ml, 8)));
        Assert.IsTrue(scores.All(s => s.All(float.IsFinite) && Math.Abs(s.Sum() - 1) < 1e-4), "probabilities from the cancelled model");
    }

    [TestMethod]
    public void OptionsAreCheckedWhenTheTrainerIsCreatedNamingTheOption()
    {
        var trainers = new MLContext(1).MulticlassClassification.Trainers;
        foreach (var (create, expected) in new (Func<object>, string)[]
        {
            (() => trainers.Cnn("lenet5", epochs: 0), "CnnTrainer.Options.Epochs must be at least 1; got 0"),
            (() => trainers.Cnn("lenet5", batchSize: 0), "CnnTrainer.Options.BatchSize must be at least 1; got 0"),
            (() => trainers.Cnn("lenet5", learningRate: -1), "CnnTrainer.Options.LearningRate must be a finite number greater than 0; got -1"),
            (() => trainers.Cnn("lenet5", learningRate: double.NaN), "CnnTrainer.Options.LearningRate must be a finite number greater than 0; got NaN"),
            (() => trainers.Cnn(new CnnTrainer.Options { Architecture = "lenet5", Momentum = 1.5 }), "CnnTrainer.Options.Momentum must be in [0, 1); got 1.5"),
            (() => trainers.Cnn(new CnnTrainer.Options { Architecture = "lenet5", LabelSmoothing = 1 }), "CnnTrainer.Options.LabelSmoothing must be in [0, 1); got 1"),
            (() => trainers.Cnn(new CnnTrainer.Options { Architecture = "lenet5", Schedule = LearningRateSchedule.MultiStep(0.1, 50, 75) }), "CnnTrainer.Options.Schedule.MilestoneFractions must be in (0, 1); got 50. Milestones are fractions of the training, not epoch numbers"),
            (() => trainers.Cnn(new CnnTrainer.Options { Architecture = "lenet5", Preset = "adam" }), $"CnnTrainer.Options.Preset must be null (the architecture's recipe) or one of {string.Join(", ", TrainingPresets.Names)}; got 'adam'"),
            (() => trainers.Cnn(new CnnTrainer.Options { Architecture = "lenet6" }), "CnnTrainer.Options.Architecture must name a zoo architecture; got 'lenet6'. Known: lenet5"),
        })
        {
            var error = Assert.Throws<ArgumentException>(() => create());
            StringAssert.Contains(error.Message, expected);
        }
    }

    [TestMethod]
    public void ChangingTheOptionsAfterCreatingTheTrainerChangesNothing()
    {
        var ml = new MLContext(1);
        var options = LeNet();
        var trainer = ml.MulticlassClassification.Trainers.Cnn(options);
        options.ScoringBatchSize = 0;
        options.Epochs = 0;
        var data = FashionMnist.Train(ml, 64);
        using var model = trainer.Fit(ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data));
        Assert.AreEqual(64, model.ScoringBatchSize);
        Assert.AreEqual(1, model.TrainingResult!.EpochsCompleted);
    }

    [TestMethod]
    public void ATokenCancelledBeforeFitThrowsOperationCanceled()
    {
        var ml = new MLContext(1);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var options = LeNet();
        options.CancellationToken = cancel.Token;
        Assert.Throws<OperationCanceledException>(() => Train(ml, FashionMnist.Train(ml, 64), options));
    }

    [TestMethod]
    public void ProgressAndLogReportEveryEpoch()
    {
        var ml = new MLContext(1);
        var log = new List<string>();
        ml.Log += (_, e) => { if (e.Source.Contains("Training", StringComparison.Ordinal)) lock (log) log.Add(e.Message); };
        var reports = new List<EpochMetrics>();
        var options = LeNet(epochs: 2);
        options.Progress = new Callback(reports.Add);
        options.ValidationFraction = 0.25;
        using var model = Train(ml, FashionMnist.Train(ml, 128), options);
        var epochEnds = reports.Where(r => r.IsEpochEnd).ToList();
        Assert.HasCount(2, epochEnds);
        Assert.IsTrue(epochEnds.All(r => r.ValidationAccuracy is not null && r.ImagesPerSecond > 0 && r.LearningRate > 0));
        Assert.IsTrue(log.Any(l => l.Contains("epoch 2/2", StringComparison.Ordinal) && l.Contains("img/s", StringComparison.Ordinal)), string.Join("\n", log));
    }

    [TestMethod]
    public void ScoringFromSeveralThreadsGivesTheSameScores()
    {
        var ml = new MLContext(1);
        using var model = Train(ml, FashionMnist.Train(ml, 128), LeNet());
        var test = ml.Transforms.Conversion.MapValueToKey("Label").Fit(FashionMnist.Test(ml, 32)).Transform(FashionMnist.Test(ml, 32));
        var expected = FashionMnist.Scores(ml, model, test);
        var results = new float[4][][];
        Parallel.For(0, 4, i => results[i] = FashionMnist.Scores(ml, model, test));
        foreach (var result in results)
            for (var r = 0; r < expected.Length; r++) CollectionAssert.AreEqual(expected[r], result[r]);
    }

    [TestMethod]
    public void ScoringLeavesNoLiveTensors()
    {
        var ml = new MLContext(1);
        using var model = Train(ml, FashionMnist.Train(ml, 128), LeNet());
        var test = ml.Transforms.Conversion.MapValueToKey("Label").Fit(FashionMnist.Test(ml, 100)).Transform(FashionMnist.Test(ml, 100));
        FashionMnist.Scores(ml, model, test); // warm-up: lazily created state
        GC.Collect(); // tensors of earlier tests that only a finalizer frees must not be counted as freed here
        GC.WaitForPendingFinalizers();
        var before = TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        FashionMnist.Scores(ml, model, test);
        // By ML.NET's default, disposing the engine would also dispose the model.
        using (var engine = ml.Model.CreatePredictionEngine<Sample, ScoreOnly>(model, new PredictionEngineOptions { OwnsTransformer = false }))
            engine.Predict(new Sample());
        Assert.AreEqual(before, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [TestMethod]
    public void AModelDisposedWithItsPredictionEngineSaysSo()
    {
        var ml = new MLContext(1);
        var model = Train(ml, FashionMnist.Train(ml, 64), LeNet());
        using (var engine = ml.Model.CreatePredictionEngine<Sample, ScoreOnly>(model)) // ML.NET's default: the engine owns the model
            Assert.HasCount(10, engine.Predict(new Sample()).Score);

        var test = ml.Transforms.Conversion.MapValueToKey("Label").Fit(FashionMnist.Test(ml, 4)).Transform(FashionMnist.Test(ml, 4));
        var error = Assert.Throws<Exception>(() => FashionMnist.Scores(ml, model, test));
        var disposed = error as ObjectDisposedException ?? error.InnerException as ObjectDisposedException;
        Assert.IsNotNull(disposed, error.ToString());
        StringAssert.Contains(disposed.Message, "OwnsTransformer = false");
    }

    private sealed class Sample
    {
        [Microsoft.ML.Data.VectorType(1, 28, 28)] public float[] Features { get; set; } = new float[784];
        public uint Label { get; set; } = 1;
    }

    private sealed class ScoreOnly
    {
        public float[] Score { get; set; } = [];
    }

    [TestMethod]
    public void BatchedScoringEqualsOneRowAtATime()
    {
        var ml = new MLContext(1);
        using var model = Train(ml, FashionMnist.Train(ml, 128), LeNet());
        var test = ml.Transforms.Conversion.MapValueToKey("Label").Fit(FashionMnist.Test(ml, 70)).Transform(FashionMnist.Test(ml, 70));
        var batched = FashionMnist.Scores(ml, model, test);
        var mapper = ((ITransformer)model).GetRowToRowMapper(test.Schema);
        using var cursor = test.GetRowCursor(test.Schema);
        using var row = mapper.GetRow(cursor, mapper.OutputSchema.Where(c => c.Name == "Score"));
        var getter = row.GetGetter<VBuffer<float>>(row.Schema["Score"]);
        var single = new List<float[]>();
        VBuffer<float> value = default;
        while (cursor.MoveNext()) { getter(ref value); single.Add(value.DenseValues().ToArray()); }
        Assert.HasCount(70, single);
        for (var i = 0; i < single.Count; i++)
            for (var k = 0; k < 10; k++) Assert.AreEqual(single[i][k], batched[i][k], 1e-5f, $"row {i}");
    }

    [TestMethod]
    public void StreamingModeRereadsTheDataEveryEpoch()
    {
        var ml = new MLContext(1);
        var logs = new List<string>();
        ml.Log += (_, e) => { lock (logs) logs.Add(e.Message); };
        var data = FashionMnist.Train(ml, 160);
        var counting = new CursorCounter(ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data));
        var options = LeNet(epochs: 3);
        options.Streaming = true;
        using var model = ml.MulticlassClassification.Trainers.Cnn(options).Fit(counting);
        Assert.AreEqual(3, model.TrainingResult!.EpochsCompleted);
        Assert.IsTrue(logs.Any(l => l.Contains("streamed", StringComparison.Ordinal)));
        Assert.IsGreaterThanOrEqualTo(4, counting.Cursors, "one statistics pass plus one pass per epoch");
        options.ValidationFraction = 0.2;
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.Trainers.Cnn(options)).Message, "ValidationSet");
    }

    /// <summary>Counts the cursors opened on a data view.</summary>
    private sealed class CursorCounter(IDataView inner) : IDataView
    {
        public int Cursors;
        public bool CanShuffle => inner.CanShuffle;
        public DataViewSchema Schema => inner.Schema;
        public long? GetRowCount() => inner.GetRowCount();
        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) { Interlocked.Increment(ref Cursors); return inner.GetRowCursor(columnsNeeded, rand); }
        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) { Interlocked.Increment(ref Cursors); return inner.GetRowCursorSet(columnsNeeded, n, rand); }
    }

    private sealed class Callback(Action<EpochMetrics> report) : IProgress<EpochMetrics>
    {
        public void Report(EpochMetrics value) => report(value);
    }
}
