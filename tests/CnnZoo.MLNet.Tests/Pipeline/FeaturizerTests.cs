using CnnZoo.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class FeaturizerTests
{
    [TestMethod]
    [TestCategory("Slow")]
    public void CnnFeaturesFeedAnMlNetTrainer()
    {
        var ml = new MLContext(seed: 2);
        var train = FashionMnist.Train(ml, 400);
        using var chain = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn("lenet5", epochs: 2, batchSize: 32, learningRate: 0.002)).Fit(train);
        var cnn = (CnnTransformer)chain.LastTransformer;

        var featurizer = ml.Transforms.CnnFeaturize(cnn, "Embedding");
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(featurizer)
            .Append(ml.Transforms.NormalizeMinMax("Embedding"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("Label", "Embedding", maximumNumberOfIterations: 20));
        var model = pipeline.Fit(train);
        var scored = model.Transform(FashionMnist.Test(ml, 200));
        Assert.AreEqual(84, ((VectorDataViewType)scored.Schema["Embedding"].Type).Size, "LeNet-5's penultimate layer has 84 units");
        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.IsGreaterThan(0.4, metrics.MicroAccuracy, $"SDCA on CNN features: {metrics.MicroAccuracy}");

        using var folder = new TempFolder();
        ml.Model.Save(model, train.Schema, folder.File("transfer.zip"));
        var loaded = ml.Model.Load(folder.File("transfer.zip"), out _);
        Assert.AreEqual(metrics.MicroAccuracy, ml.MulticlassClassification.Evaluate(loaded.Transform(FashionMnist.Test(ml, 200))).MicroAccuracy, 1e-12);
    }
}
