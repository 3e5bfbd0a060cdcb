using CnnZoo.MLNet.Data;
using CnnZoo.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>The README's quick-start pipeline, end to end, on a small slice of the real Fashion-MNIST.</summary>
[TestClass]
public sealed class FashionMnistPipelineTests
{
    private sealed class Prediction
    {
        [ColumnName("PredictedLabel")] public string Predicted { get; set; } = "";
        public float[] Score { get; set; } = [];
    }

    private sealed class Image
    {
        [VectorType(1, 28, 28)] public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    [TestMethod]
    public void TrainEvaluateSaveLoadPredict()
    {
        var ml = new MLContext(seed: 1);
        var train = CnnZooData.LoadFashionMnist(ml, "train", maxRows: 600);
        var test = CnnZooData.LoadFashionMnist(ml, "test", maxRows: 200);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn("lenet5", epochs: 3, batchSize: 32, learningRate: 0.002))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        using var model = pipeline.Fit(train);
        var scored = model.Transform(test);
        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.IsTrue(metrics.MacroAccuracy > 0.4, $"accuracy {metrics.MicroAccuracy}");

        var path = Path.Combine(Path.GetTempPath(), $"cnnzoo-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, train.Schema, path);
            var loaded = ml.Model.Load(path, out var schema);
            var reloadedMetrics = ml.MulticlassClassification.Evaluate(loaded.Transform(test));
            Assert.AreEqual(metrics.MicroAccuracy, reloadedMetrics.MicroAccuracy, 1e-9);
            Assert.AreEqual(metrics.LogLoss, reloadedMetrics.LogLoss, 1e-5);

            var engine = ml.Model.CreatePredictionEngine<Image, Prediction>(loaded);
            var first = ml.Data.CreateEnumerable<Image>(test, reuseRowObject: false).First();
            var prediction = engine.Predict(first);
            Assert.AreEqual(10, prediction.Score.Length);
            CollectionAssert.Contains(CnnZooData.FashionMnistClassNames.ToArray(), prediction.Predicted);
            (loaded as IDisposable)?.Dispose();
        }
        finally { File.Delete(path); }
    }
}
