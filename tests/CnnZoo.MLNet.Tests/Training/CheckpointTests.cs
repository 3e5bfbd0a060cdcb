using CnnZoo.MLNet.Comparison;
using CnnZoo.MLNet.Data;
using CnnZoo.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests.Training;

[TestClass]
public sealed class CheckpointTests
{
    private string _directory = "";

    [TestInitialize]
    public void CreateDirectory() => _directory = TrainingTestData.TempDirectory();

    [TestCleanup]
    public void DeleteDirectory()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Noise added from the epoch's generator, so that a resume must reproduce the augmentation too.</summary>
    private static Tensor Jitter(Tensor images, Generator generator) => images.add(torch.rand(images.shape, generator: generator).mul(16));

    [TestMethod]
    public void EveryEpochLeavesACompleteCheckpointAndNoTemporaryFiles()
    {
        using var data = TrainingTestData.Patterns(perClass: 8);
        using var model = TrainingTestData.Model("lenet5", data);
        var seen = new List<string[]>();
        var progress = new SynchronousProgress<EpochMetrics>(m => seen.Add(Directory.GetFileSystemEntries(_directory, "*", SearchOption.AllDirectories)));
        var result = TrainingEngine.Run(model, data, null, TrainingTestData.Quick(epochs: 3) with { CheckpointDirectory = _directory }, progress: progress);

        Assert.HasCount(3, seen);
        for (var epoch = 1; epoch <= 3; epoch++)
        {
            var folder = Path.Combine(_directory, $"epoch-{epoch:D4}");
            CollectionAssert.IsSubsetOf(
                new[] { Path.Combine(folder, "model.safetensors"), Path.Combine(folder, "optimizer.bin"), Path.Combine(folder, "checkpoint.json") },
                seen[epoch - 1], $"epoch {epoch}'s checkpoint is on disk when its progress is reported");
            Assert.IsFalse(seen[epoch - 1].Any(p => p.EndsWith(".tmp", StringComparison.Ordinal)), "no temporary files");
        }
        Assert.AreEqual(Path.Combine(_directory, "epoch-0003"), result.LastCheckpoint);
        var json = File.ReadAllText(Path.Combine(_directory, "epoch-0003", "checkpoint.json"));
        StringAssert.Contains(json, "\"Architecture\": \"lenet5\"");
        StringAssert.Contains(json, "\"GlobalStep\": 6");
        var remaining = Directory.GetDirectories(_directory).Select(Path.GetFileName).ToArray();
        CollectionAssert.IsSubsetOf(remaining, new[] { "epoch-0001", "epoch-0002", "epoch-0003" });
        CollectionAssert.Contains(remaining, "epoch-0003");
        Assert.IsLessThanOrEqualTo(2, remaining.Length, "older epochs are pruned (the latest and the best stay)");
    }

    [TestMethod]
    public void ResumingAfterAnInterruptionGivesTheSameWeightsAsAnUninterruptedRun()
    {
        using var data = TrainingTestData.Patterns(perClass: 8, side: 8);
        var (train, validation) = data.Split(0.25, seed: 3);
        using (train)
        using (validation)
        {
            var settings = TrainingTestData.Quick(epochs: 4) with
            {
                Schedule = LearningRateSchedule.ReduceOnPlateau(0.5, patience: 0), WeightDecay = 1e-4, RestoreBestEpoch = true,
            };
            using var uninterrupted = TrainingTestData.Model("resnet20_cifar", train);
            var full = TrainingEngine.Run(uninterrupted, train, validation, settings, Jitter);

            // Interrupted after epoch 2 …
            using var cancellation = new CancellationTokenSource();
            using (var first = TrainingTestData.Model("resnet20_cifar", train))
            {
                var stop = new SynchronousProgress<EpochMetrics>(m => { if (m.Epoch == 2) cancellation.Cancel(); });
                var partial = TrainingEngine.Run(first, train, validation, settings with { CheckpointDirectory = _directory }, Jitter, stop, cancellationToken: cancellation.Token);
                Assert.AreEqual(TrainingStopReason.Cancelled, partial.StopReason);
                Assert.AreEqual(2, partial.EpochsCompleted);
            }
            // … as if the process died mid-write of epoch 3.
            var crashed = Directory.CreateDirectory(Path.Combine(_directory, ".epoch-0003.deadbeef.tmp"));
            File.WriteAllBytes(Path.Combine(crashed.FullName, "model.safetensors"), [1, 2, 3]);

            // … then a new process (fresh model, different initial weights) resumes.
            using var resumed = TrainingTestData.Model("resnet20_cifar", train, initSeed: 99);
            var lines = new List<string>();
            var rest = TrainingEngine.Run(resumed, train, validation, settings with { CheckpointDirectory = _directory }, Jitter, log: lines.Add);

            Assert.AreEqual(2, rest.ResumedFromEpoch);
            Assert.AreEqual(4, rest.EpochsCompleted);
            Assert.AreEqual(full.GlobalStep, rest.GlobalStep);
            Assert.IsTrue(lines.Any(l => l.StartsWith("resuming after epoch 2", StringComparison.Ordinal)));
            CollectionAssert.AreEqual(full.History.Select(h => h.TrainLoss).ToArray(), rest.History.Select(h => h.TrainLoss).ToArray());
            CollectionAssert.AreEqual(full.History.Select(h => h.LearningRate).ToArray(), rest.History.Select(h => h.LearningRate).ToArray());
            Assert.AreEqual(full.BestEpoch, rest.BestEpoch);
            Assert.IsTrue(TrainingTestData.SameWeights(uninterrupted, resumed), "bit-identical weights");
            Assert.IsFalse(Directory.Exists(crashed.FullName), "the crashed write is cleaned up");
        }
    }

    [TestMethod]
    public void ADivergingLossStopsWithAClearErrorAndKeepsTheLastGoodCheckpoint()
    {
        using var data = TrainingTestData.Patterns(perClass: 16); // 3 steps per epoch
        using var model = TrainingTestData.Model("lenet5", data);
        var batches = 0;
        Tensor PoisonEpochTwo(Tensor images, Generator _) => ++batches > 3 ? images.mul(double.NaN) : images;
        var error = Assert.ThrowsExactly<TrainingDivergedException>(() =>
            TrainingEngine.Run(model, data, null, TrainingTestData.Quick(epochs: 3) with { CheckpointDirectory = _directory }, PoisonEpochTwo));

        var checkpoint = Path.Combine(_directory, "epoch-0001");
        Assert.AreEqual((2, 4L, checkpoint), (error.Epoch, error.Step, error.LastGoodCheckpoint));
        StringAssert.Contains(error.Message, "epoch 2, step 4");
        StringAssert.Contains(error.Message, checkpoint);
        Assert.IsTrue(File.Exists(Path.Combine(checkpoint, "model.safetensors")));
        using (no_grad())
        using (var logits = model.call(torch.rand(1, 1, 16, 16).mul(255)))
            Assert.IsTrue(logits.isfinite().all().item<bool>(), "the failing step was not applied");

        using var exploding = TrainingTestData.Model("lenet5", data);
        var huge = Assert.ThrowsExactly<TrainingDivergedException>(() =>
            TrainingEngine.Run(exploding, data, null, TrainingTestData.Quick(epochs: 20) with { LearningRate = 1e10 }));
        StringAssert.Contains(huge.Message, "No checkpoint was written");
    }

    [TestMethod]
    public void ACheckpointOfAnotherArchitectureIsRefused()
    {
        using var data = TrainingTestData.Patterns(perClass: 4);
        using (var lenet = TrainingTestData.Model("lenet5", data))
            TrainingEngine.Run(lenet, data, null, TrainingTestData.Quick(epochs: 1) with { CheckpointDirectory = _directory });

        using var resnet = TrainingTestData.Model("resnet20_cifar", data);
        var error = Assert.ThrowsExactly<InvalidOperationException>(() =>
            TrainingEngine.Run(resnet, data, null, TrainingTestData.Quick(epochs: 2) with { CheckpointDirectory = _directory }));
        StringAssert.Contains(error.Message, "'lenet5'");
        StringAssert.Contains(error.Message, "'resnet20_cifar'");

        // Starting over replaces the old checkpoints.
        var fresh = TrainingEngine.Run(resnet, data, null, TrainingTestData.Quick(epochs: 1) with { CheckpointDirectory = _directory, ResumeFromCheckpoint = false });
        Assert.AreEqual(0, fresh.ResumedFromEpoch);
        StringAssert.Contains(File.ReadAllText(Path.Combine(_directory, "epoch-0001", "checkpoint.json")), "resnet20_cifar");
    }
}
