using CnnZoo.MLNet.Comparison;
using CnnZoo.Architectures.Weights;
using CnnZoo.MLNet.Data;
using CnnZoo.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests.Training;

[TestClass]
public sealed class TrainingEngineTests
{
    [TestMethod]
    public void TrainingLearnsSeparablePatterns()
    {
        using var data = TrainingTestData.Patterns(perClass: 32);
        var (train, validation) = data.Split(0.25, seed: 1);
        using (train)
        using (validation)
        using (var model = TrainingTestData.Model("lenet5", train))
        {
            var lines = new List<string>();
            var result = TrainingEngine.Run(model, train, validation, TrainingTestData.Quick(epochs: 6) with { RestoreBestEpoch = true }, log: lines.Add);

            Assert.AreEqual(TrainingStopReason.Completed, result.StopReason);
            Assert.AreEqual(6, result.EpochsCompleted);
            Assert.HasCount(6, result.History);
            Assert.IsLessThan(result.History[0].TrainLoss, result.History[^1].TrainLoss);
            Assert.IsGreaterThanOrEqualTo(0.9, result.History.Max(h => h.ValidationAccuracy!.Value));
            Assert.AreEqual("val_acc", result.Monitor);
            Assert.AreEqual(result.History.Max(h => h.ValidationAccuracy), result.BestMetric);
            Assert.IsFalse(model.training, "the model is left in eval mode");
            Assert.AreEqual(6L * 5, result.GlobalStep, "72 images in batches of 16: 5 steps per epoch");
            var epochLine = lines.Single(l => l.StartsWith("epoch 6/6 ", StringComparison.Ordinal));
            StringAssert.Matches(epochLine, new System.Text.RegularExpressions.Regex(@"^epoch 6/6 step 30 loss \d+\.\d{4} acc \d\.\d{4} val_loss \d+\.\d{4} val_acc \d\.\d{4} lr 0\.02 img/s \d+$"));
        }
    }

    [TestMethod]
    public void EveryStepStartsWithoutGradientsAndTrainingLeavesNone()
    {
        using var data = TrainingTestData.Patterns(perClass: 8); // 24 images: 2 steps per epoch
        using var model = TrainingTestData.Model("lenet5", data);
        var heldBeforeStep = new List<int>();
        TrainingEngine.Run(model, data, null, TrainingTestData.Quick(epochs: 1) with { BatchSize = 12 },
            augment: (images, _) => { heldBeforeStep.Add(ParametersWithGradients(model)); return images; });

        CollectionAssert.AreEqual(new[] { 0, 0 }, heldBeforeStep, "the step before left gradients (zeroed in place instead of set to none)");
        Assert.AreEqual(0, ParametersWithGradients(model), "the trained model still holds the last step's gradients");
    }

    private static int ParametersWithGradients(NormalizedClassifier model) => model.parameters().Count(parameter =>
    {
        using var grad = parameter.grad;
        return grad is not null;
    });

    [TestMethod]
    public void EveryOptimizerAndScheduleTrainsAndTheRateFollowsTheSchedule()
    {
        using var data = TrainingTestData.Patterns(perClass: 16); // 48 images: 3 steps per epoch
        var cases = new (TrainingSettings Settings, double[] ExpectedEpochRates)[]
        {
            (new() { Optimizer = OptimizerKind.Sgd, Nesterov = true, WeightDecay = 5e-4, Schedule = LearningRateSchedule.Step(1, 0.5) }, [0.02, 0.01, 0.005]),
            (new() { Optimizer = OptimizerKind.Adam, LearningRate = 1e-3, Schedule = LearningRateSchedule.Constant, LabelSmoothing = 0.1 }, [1e-3, 1e-3, 1e-3]),
            (new() { Optimizer = OptimizerKind.AdamW, LearningRate = 1e-3, WeightDecay = 0.05, Schedule = LearningRateSchedule.Cosine() }, [1e-3 * (1 + Math.Cos(Math.PI * 2 / 9)) / 2, 1e-3 * (1 + Math.Cos(Math.PI * 5 / 9)) / 2, 1e-3 * (1 + Math.Cos(Math.PI * 8 / 9)) / 2]),
            (new() { Optimizer = OptimizerKind.Sgd, Schedule = LearningRateSchedule.OneCycle(0.05, 0.3) }, []),
            (new() { Optimizer = OptimizerKind.Sgd, Schedule = LearningRateSchedule.ReduceOnPlateau(0.1, 0), WarmupEpochs = 1 }, []),
        };
        foreach (var (partial, expected) in cases)
        {
            var settings = partial with { Epochs = 3, BatchSize = 16, Seed = 2, RestoreBestEpoch = false, LearningRate = partial.LearningRate == 0.01 ? 0.02 : partial.LearningRate };
            using var model = TrainingTestData.Model("lenet5", data);
            var result = TrainingEngine.Run(model, data, null, settings);
            Assert.AreEqual(3, result.EpochsCompleted, settings.Optimizer.ToString());
            Assert.IsTrue(result.History.All(h => double.IsFinite(h.TrainLoss)));
            for (var e = 0; e < expected.Length; e++)
                Assert.AreEqual(expected[e], result.History[e].LearningRate, 1e-12, $"{settings.Schedule} epoch {e + 1}");
            if (settings.Schedule is not ReduceOnPlateauSchedule)
                Assert.AreEqual(new LearningRateScheduler(settings, 3).LearningRateAt(2, 2), result.History[2].LearningRate, "the reported rate is the last step's");
        }
    }

    [TestMethod]
    public void TheSameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot()
    {
        using var data = TrainingTestData.Patterns(perClass: 12);
        NormalizedClassifier Train(int seed)
        {
            var model = TrainingTestData.Model("lenet5", data);
            TrainingEngine.Run(model, data, null, TrainingTestData.Quick(epochs: 2) with { Seed = seed },
                augment: (images, generator) => images.add(torch.rand(images.shape, generator: generator).mul(8)));
            return model;
        }
        using var first = Train(5);
        using var second = Train(5);
        using var other = Train(6);
        Assert.IsTrue(TrainingTestData.SameWeights(first, second));
        Assert.IsFalse(TrainingTestData.SameWeights(first, other));
    }

    [TestMethod]
    public void PatienceRunningOutOnTheLastEpochIsACompletedRun()
    {
        using var data = TrainingTestData.Patterns(perClass: 8);
        var (train, validation) = data.Split(0.25, seed: 2);
        using (train)
        using (validation)
        {
            // A min delta no epoch can beat: after epoch 1 nothing counts as an improvement, so patience 1 runs out at epoch 2.
            TrainingResult Run(int epochs)
            {
                using var model = TrainingTestData.Model("lenet5", train);
                return TrainingEngine.Run(model, train, validation, TrainingTestData.Quick(epochs) with { EarlyStoppingPatience = 1, EarlyStoppingMinDelta = 100 });
            }

            var lastEpoch = Run(epochs: 2);
            Assert.AreEqual(TrainingStopReason.Completed, lastEpoch.StopReason);
            Assert.AreEqual(2, lastEpoch.EpochsCompleted);

            var early = Run(epochs: 4);
            Assert.AreEqual(TrainingStopReason.EarlyStopped, early.StopReason);
            Assert.AreEqual(2, early.EpochsCompleted);
        }
    }

    [TestMethod]
    public void EarlyStoppingStopsAndRestoresTheBestEpoch()
    {
        using var data = TrainingTestData.Patterns(perClass: 16);
        var (train, validation) = data.Split(0.25, seed: 2);
        var directory = TrainingTestData.TempDirectory();
        try
        {
            using (train)
            using (validation)
            using (var model = TrainingTestData.Model("lenet5", train))
            {
                var settings = TrainingTestData.Quick(epochs: 30) with { EarlyStoppingPatience = 2, RestoreBestEpoch = true, CheckpointDirectory = directory };
                var result = TrainingEngine.Run(model, train, validation, settings);

                Assert.AreEqual(TrainingStopReason.EarlyStopped, result.StopReason);
                Assert.IsLessThan(30, result.EpochsCompleted);
                Assert.AreEqual(result.BestEpoch + 2, result.EpochsCompleted);
                Assert.IsTrue(result.RestoredBestEpoch);
                using var best = TrainingTestData.Model("lenet5", train);
                best.LoadWeights(Path.Combine(directory, $"epoch-{result.BestEpoch:D4}", "model.safetensors"));
                Assert.IsTrue(TrainingTestData.SameWeights(best, model), "the model holds the best epoch's weights");

                // Running again on the finished checkpoint trains nothing more.
                var again = TrainingEngine.Run(model, train, validation, settings);
                Assert.AreEqual(TrainingStopReason.EarlyStopped, again.StopReason);
                Assert.AreEqual(result.EpochsCompleted, again.EpochsCompleted);
                Assert.IsTrue(TrainingTestData.SameWeights(best, model));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void CancellationStopsWithinOneBatchAndLeavesAUsableModel()
    {
        using var data = TrainingTestData.Patterns(perClass: 16); // 3 steps per epoch
        using var model = TrainingTestData.Model("lenet5", data);
        using var cancellation = new CancellationTokenSource();
        var batches = 0;
        var settings = TrainingTestData.Quick(epochs: 5) with { ReportEverySteps = 1 };
        var progress = new SynchronousProgress<EpochMetrics>(m =>
        {
            if (!m.IsEpochEnd && m.Epoch == 2 && m.Step == 4) cancellation.Cancel(); // after the first step of epoch 2
        });
        var result = TrainingEngine.Run(model, data, null, settings,
            augment: (images, _) => { batches++; return images; }, progress: progress, cancellationToken: cancellation.Token);

        Assert.AreEqual(TrainingStopReason.Cancelled, result.StopReason);
        Assert.AreEqual(4L, result.GlobalStep, "no batch after the one that cancelled");
        Assert.AreEqual(4, batches);
        Assert.AreEqual(1, result.EpochsCompleted);
        using var _ = no_grad();
        using var images = torch.rand(2, 1, 16, 16).mul(255);
        using var logits = model.call(images);
        Assert.IsTrue(logits.isfinite().all().item<bool>());

        using var precancelled = new CancellationTokenSource();
        precancelled.Cancel();
        var none = TrainingEngine.Run(model, data, null, settings, cancellationToken: precancelled.Token);
        Assert.AreEqual(TrainingStopReason.Cancelled, none.StopReason);
        Assert.AreEqual(0, none.EpochsCompleted);
    }

    [TestMethod]
    public void GoogLeNetTrainsWithItsAuxiliaryLosses()
    {
        // 9 images in batches of 8: one step per epoch, as the trailing single image is skipped (batch norm needs two).
        using var data = TrainingTestData.Patterns(perClass: 3, side: 32, channels: 3);
        using var model = TrainingTestData.Model("googlenet", data, aux: true);
        Assert.IsTrue(model.HasAuxClassifiers);
        const string auxWeight = "model.aux1.fc2.weight";
        using var initial = model.state_dict()[auxWeight].clone();

        // With a zero auxiliary weight the auxiliary heads get no gradient and stay as they are.
        var withoutAux = TrainingEngine.Run(model, data, null, TrainingTestData.Quick(epochs: 1) with { BatchSize = 8, AuxLossWeight = 0 });
        Assert.AreEqual(1L, withoutAux.GlobalStep);
        Assert.IsTrue(TrainingTestData.BitEqual(initial, model.state_dict()[auxWeight]));

        // With the paper's weight (0.3) they learn.
        var withAux = TrainingEngine.Run(model, data, null, TrainingTestData.Quick(epochs: 1) with { BatchSize = 8 });
        Assert.IsTrue(double.IsFinite(withAux.History[0].TrainLoss));
        Assert.IsFalse(TrainingTestData.BitEqual(initial, model.state_dict()[auxWeight]));
    }

    [TestMethod]
    public void ATrainingRunLeavesNoLiveTensorsBehind()
    {
        using var data = TrainingTestData.Patterns(perClass: 8);
        var (train, validation) = data.Split(0.25, seed: 1);
        using (train)
        using (validation)
        using (var model = TrainingTestData.Model("resnet20_cifar", train))
        {
            var directory = TrainingTestData.TempDirectory();
            try
            {
                var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
                TrainingEngine.Run(model, train, validation, TrainingTestData.Quick(epochs: 2) with
                {
                    RestoreBestEpoch = true, CheckpointDirectory = directory, ReportEverySteps = 1, Optimizer = OptimizerKind.AdamW, LearningRate = 1e-3,
                }, augment: (images, generator) => images.flip(3), progress: new SynchronousProgress<EpochMetrics>(_ => { }));
                TrainingEngine.Run(model, train, validation, TrainingTestData.Quick(epochs: 3) with { CheckpointDirectory = directory, RestoreBestEpoch = true, Optimizer = OptimizerKind.AdamW, LearningRate = 1e-3 });
                Assert.AreEqual(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [TestMethod]
    public void DataThatDoesNotFitTheModelIsRefused()
    {
        using var data = TrainingTestData.Patterns(perClass: 4);
        using var rgb = TrainingTestData.Patterns(perClass: 4, channels: 3);
        using var model = TrainingTestData.Model("lenet5", data);
        var channels = Assert.ThrowsExactly<ArgumentException>(() => TrainingEngine.Run(model, rgb, null, TrainingTestData.Quick()));
        StringAssert.Contains(channels.Message, "1 input channel");
        using var fourClasses = TensorStore.FromBytes(new byte[16 * 16], new long[] { 3 }, new ImageShape(1, 16, 16));
        var labels = Assert.ThrowsExactly<ArgumentException>(() => TrainingEngine.Run(model, fourClasses, null, TrainingTestData.Quick()));
        StringAssert.Contains(labels.Message, "3 classes");
    }
}
