using CnnZoo.MLNet.Comparison;
using CnnZoo.MLNet.Data;
using CnnZoo.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests.Training;

/// <summary><see cref="TrainingSettings.ImagesPerEpoch"/>: shorter epochs of a random subset, another every epoch, reproducible on resume.</summary>
[TestClass]
public sealed class ImagesPerEpochTests
{
    /// <summary>60 images whose every pixel is the image's index, so a batch says which images it holds.</summary>
    private static TensorStore Indexed(int count = 60)
    {
        var shape = new ImageShape(1, 4, 4);
        var pixels = new byte[count * 16];
        for (var i = 0; i < count; i++) Array.Fill(pixels, (byte)i, i * 16, 16);
        return TensorStore.FromBytes(pixels, Enumerable.Range(0, count).Select(i => (long)(i % 3)).ToArray(), shape);
    }

    private static List<int> Drawn(IBatchSource source, int seed, int epoch, int batchSize = 8)
    {
        using var random = EpochRandomness.For(seed, epoch);
        var indices = new List<int>();
        foreach (var batch in source.Batches(batchSize, shuffle: true, random.Shuffle, CPU))
            using (batch)
                indices.AddRange(batch.Images[.., 0, 0, 0].to_type(ScalarType.Int32).data<int>().ToArray());
        return indices;
    }

    [TestMethod]
    public void EachEpochDrawsExactlyTheAskedImagesAnotherSubsetEveryEpoch()
    {
        using var store = Indexed();
        var sample = new EpochSampleSource(store, 20);

        var first = Drawn(sample, seed: 5, epoch: 1);
        var again = Drawn(sample, seed: 5, epoch: 1);
        var second = Drawn(sample, seed: 5, epoch: 2);

        Assert.AreEqual(20, sample.Count);
        Assert.HasCount(20, first, "20 images: two batches of 8 and one cut to 4");
        Assert.HasCount(20, first.Distinct().ToList(), "no image twice in an epoch");
        CollectionAssert.AreEqual(first, again, "the subset follows from (seed, epoch)");
        CollectionAssert.AreNotEquivalent(first, second, "another epoch, another subset");
        Assert.AreEqual(60, new EpochSampleSource(store, 1000).Count, "more than the data holds: every image");
    }

    [TestMethod]
    public void AnEpochTrainsTheAskedImagesAndTheScheduleFollowsTheShorterEpochs()
    {
        using var data = TrainingTestData.Patterns(perClass: 10); // 30 images
        using var model = TrainingTestData.Model("lenet5", data);
        var sizes = new List<long>();
        Tensor Count(Tensor images, Generator generator) { sizes.Add(images.shape[0]); return images.clone(); }
        var settings = TrainingTestData.Quick(epochs: 2) with { ImagesPerEpoch = 20, Schedule = LearningRateSchedule.Cosine(), WarmupEpochs = 0 };

        var result = TrainingEngine.Run(model, data, null, settings, Count);

        CollectionAssert.AreEqual(new long[] { 16, 4, 16, 4 }, sizes, "20 images an epoch in batches of 16");
        Assert.AreEqual(4, result.GlobalStep);
        CollectionAssert.AreEqual(new long[] { 2, 4 }, result.History.Select(h => h.Step).ToArray());
        var schedule = new LearningRateScheduler(settings, stepsPerEpoch: 2);
        Assert.AreEqual(schedule.LearningRateAt(1, 1), result.History[^1].LearningRate, 1e-12, "the schedule is planned for 2 steps per epoch");
    }

    [TestMethod]
    public void ResumingWithShorterEpochsIsBitIdentical()
    {
        var directory = TrainingTestData.TempDirectory();
        try
        {
            using var data = TrainingTestData.Patterns(perClass: 8, side: 8);
            var settings = TrainingTestData.Quick(epochs: 3) with { ImagesPerEpoch = 10, Schedule = LearningRateSchedule.Cosine() };
            using var uninterrupted = TrainingTestData.Model("resnet20_cifar", data);
            var full = TrainingEngine.Run(uninterrupted, data, null, settings);

            using var cancellation = new CancellationTokenSource();
            using (var first = TrainingTestData.Model("resnet20_cifar", data))
            {
                var stop = new SynchronousProgress<EpochMetrics>(m => { if (m.Epoch == 1) cancellation.Cancel(); });
                TrainingEngine.Run(first, data, null, settings with { CheckpointDirectory = directory }, progress: stop, cancellationToken: cancellation.Token);
            }
            using var resumed = TrainingTestData.Model("resnet20_cifar", data, initSeed: 99);
            var rest = TrainingEngine.Run(resumed, data, null, settings with { CheckpointDirectory = directory });

            Assert.AreEqual(1, rest.ResumedFromEpoch);
            Assert.AreEqual(full.GlobalStep, rest.GlobalStep);
            CollectionAssert.AreEqual(full.History.Select(h => h.TrainLoss).ToArray(), rest.History.Select(h => h.TrainLoss).ToArray());
            Assert.IsTrue(TrainingTestData.SameWeights(uninterrupted, resumed), "bit-identical weights");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void AnImageCountBelowOneIsRefusedByName()
    {
        var engine = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => (TrainingTestData.Quick() with { ImagesPerEpoch = 0 }).Validate());
        StringAssert.Contains(engine.Message, "TrainingSettings.ImagesPerEpoch must be at least 1; got 0");
        var trainer = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new CnnTrainer.Options { ImagesPerEpoch = -5 }.ToSettings(seed: 0));
        StringAssert.Contains(trainer.Message, "CnnTrainer.Options.ImagesPerEpoch must be at least 1; got -5");
    }
}
