using System.IO.Compression;
using CnnZoo.Architectures.Weights;
using CnnZoo.MLNet.Scoring;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>
/// Scoring through the BatchNorm-folded copy: the same scores and features as the trained module, and the model file
/// still holds the trained (unfolded) weights, so a saved model loads and scores as before.
/// </summary>
[TestClass]
public sealed class FoldedScoringTests
{
    private const float Tolerance = 1e-5f;

    [TestMethod]
    public void FoldedScoresEqualThePlainPathAndTheFileKeepsTheTrainedWeights()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(seed: 1);
        var train = FashionMnist.Train(ml, 64);
        var test = FashionMnist.Test(ml, 40);
        using var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnTrainer.Options { Architecture = "resnet20_cifar", Epochs = 1, BatchSize = 16 }))
            .Fit(train);
        var cnn = model.LastTransformer;
        var trained = cnn.Model.state_dict().ToDictionary(e => e.Key, e => e.Value.clone());

        Assert.IsTrue(cnn.FoldBatchNorm, "folding is on by default");
        var folded = FashionMnist.Scores(ml, model, test);
        var foldedFeatures = Features(ml, cnn, test);
        cnn.FoldBatchNorm = false;
        var plain = FashionMnist.Scores(ml, model, test);
        var plainFeatures = Features(ml, cnn, test);
        cnn.FoldBatchNorm = true;
        ScoreAssert.Close(plain, folded, Tolerance, "scores, folded vs the trained module");
        ScoreAssert.Close(plainFeatures, foldedFeatures, Tolerance, "features, folded vs the trained module", relative: true);

        var path = folder.File("model.zip");
        ml.Model.Save(model, train.Schema, path);
        using (var saved = SavedWeights(path))
        {
            Assert.AreEqual(trained.Count, saved.Keys.Count(k => k.StartsWith(NormalizedClassifier.ModelPrefix, StringComparison.Ordinal)), "one saved tensor per trained tensor");
            foreach (var (key, value) in trained)
                Assert.IsTrue(value.equal(saved[NormalizedClassifier.ModelPrefix + key]).all().item<bool>(), $"the file's {key} is not the trained tensor");
        }

        var loaded = ml.Model.Load(path, out _);
        try { ScoreAssert.Close(folded, FashionMnist.Scores(ml, loaded, test), Tolerance, "scores after save and load"); }
        finally { (loaded as IDisposable)?.Dispose(); }
        foreach (var value in trained.Values) value.Dispose();
    }

    private static float[][] Features(MLContext ml, CnnTransformer cnn, IDataView data)
    {
        using var featurizer = ml.Transforms.CnnFeaturize(cnn, "Embedding").Fit(data);
        featurizer.FoldBatchNorm = cnn.FoldBatchNorm;
        return featurizer.Transform(data).GetColumn<VBuffer<float>>("Embedding").Select(v => v.DenseValues().ToArray()).ToArray();
    }

    private static StateDict SavedWeights(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith("CnnZooWeights.safetensors", StringComparison.Ordinal)).Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        // The entry is [int32 length][safetensors].
        return StateDictFile.ReadSafetensors(new MemoryStream(bytes.ToArray()[4..]), path);
    }
}
