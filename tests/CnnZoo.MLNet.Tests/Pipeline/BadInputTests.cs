using CnnZoo.MLNet.Data;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>Every bad input of the issue: a specific error naming the column / row / value and what was expected.</summary>
[TestClass]
public sealed class BadInputTests
{
    private sealed class Row
    {
        [VectorType(1, 8, 8)] public float[] Features { get; set; } = new float[64];
        public string Label { get; set; } = "a";
    }

    private sealed class FlatRow
    {
        [VectorType(64)] public float[] Features { get; set; } = new float[64];
        public float Label { get; set; }
    }

    private static readonly CnnTrainer.Options Tiny = new() { Architecture = "resnet20_cifar", Epochs = 1, BatchSize = 4 };

    private static IDataView Rows(MLContext ml, int count, Func<int, Row>? make = null) =>
        ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(i => make?.Invoke(i) ?? new Row { Label = i % 2 == 0 ? "a" : "b", Features = Enumerable.Repeat((float)(i % 2 * 200), 64).ToArray() }).ToList());

    private static Exception FitError(MLContext ml, IDataView data, CnnTrainer.Options? options = null, bool keyLabel = true)
    {
        IEstimator<ITransformer> pipeline = keyLabel ? ml.Transforms.Conversion.MapValueToKey("Label") : new EstimatorChain<ITransformer>();
        var estimator = pipeline.Append(ml.MulticlassClassification.Trainers.Cnn(options ?? Tiny));
        try { using var _ = (IDisposable)estimator.Fit(data); }
        catch (Exception ex) { return ex; }
        Assert.Fail("expected Fit to fail");
        return null!;
    }

    [TestMethod]
    public void MissingFeatureColumnIsNamed()
    {
        var ml = new MLContext(1);
        var error = FitError(ml, Rows(ml, 8), new CnnTrainer.Options { Architecture = "resnet20_cifar", FeatureColumnName = "Pixels" });
        StringAssert.Contains(error.Message, "'Pixels'");
        StringAssert.Contains(error.Message, "'Features'");
    }

    [TestMethod]
    public void FlatVectorAndNonKeyLabelAreExplained()
    {
        var ml = new MLContext(1);
        var flat = ml.Data.LoadFromEnumerable(new[] { new FlatRow(), new FlatRow { Label = 1 } });
        var error = FitError(ml, flat, keyLabel: false);
        StringAssert.Contains(error.Message, "MapValueToKey");
        StringAssert.Contains(error.Message, "'Label'");
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(flat).Transform(flat);
        error = FitError(ml, keyed, keyLabel: false);
        StringAssert.Contains(error.Message, "Vector<Single, 64>");
        StringAssert.Contains(error.Message, "C, H, W");
    }

    [TestMethod]
    public void AValidationSetNotThroughThePipelineIsExplained()
    {
        var ml = new MLContext(1);
        var raw = Rows(ml, 8);
        var options = new CnnTrainer.Options { Architecture = "resnet20_cifar", Epochs = 1, BatchSize = 4, ValidationSet = raw };
        var error = FitError(ml, raw, options);
        StringAssert.Contains(error.Message, "CnnTrainer.Options.ValidationSet");
        StringAssert.Contains(error.Message, "has type String");
        StringAssert.Contains(error.Message, "as given");
        Assert.IsFalse(error.Message.Contains("(Parameter 'name')", StringComparison.Ordinal), error.Message);

        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(raw).Transform(raw);
        options.ValidationSet = ml.Transforms.CopyColumns("Pixels", "Features").Append(ml.Transforms.DropColumns("Features")).Fit(keyed).Transform(keyed);
        error = FitError(ml, raw, options);
        StringAssert.Contains(error.Message, "CnnTrainer.Options.ValidationSet");
        StringAssert.Contains(error.Message, "'Features'");
    }

    [TestMethod]
    public void AMultiStepScheduleReadsAsItsMilestones()
        => Assert.AreEqual("MultiStepSchedule { MilestoneFractions = [0.5, 0.75], Gamma = 0.1 }", LearningRateSchedule.MultiStep(0.1, 0.5, 0.75).ToString());

    [TestMethod]
    public void MissingLabelNamesTheRow()
    {
        var ml = new MLContext(1);
        var data = Rows(ml, 6, i => new Row { Label = i == 4 ? "unseen" : (i % 2 == 0 ? "a" : "b") });
        var keyer = ml.Transforms.Conversion.MapValueToKey("Label").Fit(Rows(ml, 4));
        var error = FitError(ml, keyer.Transform(data), keyLabel: false);
        StringAssert.Contains(error.Message, "Row 4");
        StringAssert.Contains(error.Message, "missing label");
    }

    [TestMethod]
    public void NonFinitePixelsNameRowAndIndex()
    {
        var ml = new MLContext(1);
        var data = Rows(ml, 6, i => new Row { Label = i % 2 == 0 ? "a" : "b", Features = Enumerable.Range(0, 64).Select(j => i == 3 && j == 10 ? float.NaN : 1f).ToArray() });
        var error = FitError(ml, data);
        StringAssert.Contains(error.Message, "Row 3");
        StringAssert.Contains(error.Message, "index 10");
        StringAssert.Contains(error.Message, "NaN");
    }

    [TestMethod]
    public void EmptyDataAndSingleClassAreRejected()
    {
        var ml = new MLContext(1);
        var keyer = ml.Transforms.Conversion.MapValueToKey("Label").Fit(Rows(ml, 4));
        StringAssert.Contains(FitError(ml, keyer.Transform(ml.Data.SkipRows(Rows(ml, 4), 4)), keyLabel: false).Message, "no rows");
        StringAssert.Contains(FitError(ml, ml.Data.LoadFromEnumerable(new List<Row>())).Message, "no rows", "keys fitted on the same empty data");
        var headerOnly = Path.Combine(Path.GetTempPath(), $"cnnzoo-empty-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(headerOnly, "Label,Pixels\n");
            var text = ml.Data.LoadFromTextFile(headerOnly, [new("Label", DataKind.String, 0), new("Features", DataKind.Single, 1, 64)], separatorChar: ',', hasHeader: true);
            Assert.IsNull(text.GetRowCount(), "a text file does not know its row count");
            StringAssert.Contains(FitError(ml, text).Message, "no rows");
        }
        finally
        {
            File.Delete(headerOnly);
        }
        var single = Rows(ml, 4, _ => new Row { Label = "only" });
        StringAssert.Contains(FitError(ml, single).Message, "at least 2");
    }

    [TestMethod]
    public void ContinuedTrainingNeedsTheSameClasses()
    {
        var ml = new MLContext(1);
        using var initial = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Cnn(Tiny)).Fit(Rows(ml, 8));
        var cnn = initial.LastTransformer;
        var threeClasses = Rows(ml, 9, i => new Row { Label = ((char)('a' + i % 3)).ToString() });
        var error = FitError(ml, threeClasses, new CnnTrainer.Options { Architecture = "resnet20_cifar", Epochs = 1, BatchSize = 4, InitialModel = cnn });
        StringAssert.Contains(error.Message, "2 classes");
        StringAssert.Contains(error.Message, "3");
    }

    [TestMethod]
    public void DivergingLossStopsWithTheLastGoodCheckpoint()
    {
        var ml = new MLContext(1);
        using var folder = new TempFolder();
        var options = new CnnTrainer.Options { Architecture = "resnet20_cifar", Epochs = 3, BatchSize = 4, LearningRate = 1e30, Optimizer = OptimizerKind.Sgd, CheckpointDirectory = folder.Path };
        var data = Rows(ml, 16, i => new Row { Label = i % 2 == 0 ? "a" : "b", Features = Enumerable.Repeat((float)(i * 13 % 255), 64).ToArray() });
        var error = FitError(ml, data, options);
        Assert.IsInstanceOfType<TrainingDivergedException>(error, error.ToString());
        StringAssert.Contains(error.Message, "epoch 1");
    }

    [TestMethod]
    public void ScoringDataWithOtherChannelsThanTheModelIsRejected()
    {
        var ml = new MLContext(1);
        using var model = (IDisposable)ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Cnn(Tiny)).Fit(Rows(ml, 8));
        var rgb = ml.Data.LoadFromEnumerable(new[] { new RgbRow() });
        var error = Assert.ThrowsExactly<ArgumentException>(() => ((ITransformer)model).Transform(rgb).Preview());
        StringAssert.Contains(error.Message, "3×8×8");
        StringAssert.Contains(error.Message, "1×8×8");
    }

    private sealed class RgbRow
    {
        [VectorType(3, 8, 8)] public float[] Features { get; set; } = new float[192];
        public string Label { get; set; } = "a";
    }
}
