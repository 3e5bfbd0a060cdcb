using CnnZoo.MLNet.Augmentation;
using CnnZoo.MLNet.Scoring;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>Augmentation is training-only: batches change from epoch to epoch, Transform output does not.</summary>
[TestClass]
public sealed class AugmentationPipelineTests
{
    [TestMethod]
    public void TrainingBatchesVaryBetweenEpochs()
    {
        var ml = new MLContext(1);
        var data = FashionMnist.Train(ml, 32);
        var batches = new List<float[]>();
        var options = new CnnTrainer.Options { Architecture = "lenet5", Epochs = 3, BatchSize = 32, LearningRate = 0.001, Seed = 4 };
        options.AugmentedBatchObserver = batch => batches.Add(batch.cpu().data<float>().ToArray());
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.CnnZooAugment("Features", a => a.RandomCrop(28, padding: 4).HorizontalFlip()))
            .Append(ml.MulticlassClassification.Trainers.Cnn(options));
        using var model = (IDisposable)pipeline.Fit(data);
        Assert.HasCount(3, batches, "one batch per epoch");
        Assert.IsFalse(batches[0].SequenceEqual(batches[1]), "epoch 2 saw other crops/flips than epoch 1");
        Assert.IsFalse(batches[1].SequenceEqual(batches[2]));
        var raw = ml.Data.CreateEnumerable<Pixels>(data, false).SelectMany(p => p.Features).ToArray();
        Assert.IsFalse(batches[0].SequenceEqual(raw), "the batch is augmented, not the raw images");
    }

    [TestMethod]
    public void TransformOutputIsUnaffected()
    {
        var ml = new MLContext(1);
        var data = FashionMnist.Train(ml, 64);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var augment = ml.Transforms.CnnZooAugment("Features", a => a.RandomCrop(28, padding: 4).HorizontalFlip().ColorJitter(0.4, 0.4));
        var augmentTransformer = augment.Fit(keyed);
        var marked = augmentTransformer.Transform(keyed);

        // Values pass through untouched; the column carries the policy.
        var before = ml.Data.CreateEnumerable<Pixels>(keyed, false).Select(p => p.Features).ToList();
        var after = ml.Data.CreateEnumerable<Pixels>(marked, false).Select(p => p.Features).ToList();
        for (var i = 0; i < before.Count; i++) CollectionAssert.AreEqual(before[i], after[i]);
        Assert.AreEqual(augment.Policy, AugmentationTransformer.PolicyOf(marked.Schema["Features"]));

        // A model trained through the augmentation scores marked and unmarked data identically.
        using var cnn = ml.MulticlassClassification.Trainers.Cnn("lenet5", epochs: 1, batchSize: 32).Fit(marked);
        var viaMarked = FashionMnist.Scores(ml, cnn, marked);
        var viaRaw = FashionMnist.Scores(ml, cnn, keyed);
        for (var i = 0; i < viaRaw.Length; i++) CollectionAssert.AreEqual(viaRaw[i], viaMarked[i]);

        // The marking survives Model.Save/Load.
        using var folder = new TempFolder();
        ml.Model.Save(augmentTransformer, keyed.Schema, folder.File("augment.zip"));
        var loaded = ml.Model.Load(folder.File("augment.zip"), out _);
        Assert.AreEqual(augment.Policy, AugmentationTransformer.PolicyOf(loaded.Transform(keyed).Schema["Features"]));
    }

    [TestMethod]
    public void CropsMustKeepTheModelInputSize()
    {
        var ml = new MLContext(1);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.CnnZooAugment("Features", a => a.RandomCrop(24)))
            .Append(ml.MulticlassClassification.Trainers.Cnn("lenet5", epochs: 1));
        var error = Assert.ThrowsExactly<ArgumentException>(() => pipeline.Fit(FashionMnist.Train(ml, 16)));
        StringAssert.Contains(error.Message, "28×28");
    }

    private sealed class Pixels
    {
        [VectorType(1, 28, 28)] public float[] Features { get; set; } = [];
    }
}
