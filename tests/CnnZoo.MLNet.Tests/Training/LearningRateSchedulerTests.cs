using CnnZoo.Architectures;
using CnnZoo.MLNet.Training;

namespace CnnZoo.MLNet.Tests.Training;

[TestClass]
public sealed class LearningRateSchedulerTests
{
    private const double Tolerance = 1e-12;

    private static LearningRateScheduler Scheduler(LearningRateSchedule schedule, int epochs = 10, double warmup = 0, int stepsPerEpoch = 10) =>
        new(new TrainingSettings { Epochs = epochs, LearningRate = 0.1, Schedule = schedule, WarmupEpochs = warmup }, stepsPerEpoch);

    [TestMethod]
    public void ConstantStaysAtTheBaseRate()
    {
        var scheduler = Scheduler(LearningRateSchedule.Constant);
        Assert.AreEqual(0.1, scheduler.LearningRateAt(0, 0), Tolerance);
        Assert.AreEqual(0.1, scheduler.LearningRateAt(9, 9), Tolerance);
    }

    [TestMethod]
    public void StepDecaysEveryStepEpochs()
    {
        var scheduler = Scheduler(LearningRateSchedule.Step(3, 0.5));
        Assert.AreEqual(0.1, scheduler.LearningRateAt(2, 9), Tolerance);
        Assert.AreEqual(0.05, scheduler.LearningRateAt(3, 0), Tolerance);
        Assert.AreEqual(0.0125, scheduler.LearningRateAt(9, 0), Tolerance);
    }

    [TestMethod]
    public void MultiStepDecaysAtFractionsOfTraining()
    {
        var scheduler = Scheduler(LearningRateSchedule.MultiStep(0.1, 0.5, 0.75), epochs: 8);
        Assert.AreEqual(0.1, scheduler.LearningRateAt(3, 9), Tolerance);
        Assert.AreEqual(0.01, scheduler.LearningRateAt(4, 0), Tolerance);
        Assert.AreEqual(0.01, scheduler.LearningRateAt(5, 9), Tolerance);
        Assert.AreEqual(0.001, scheduler.LearningRateAt(6, 0), Tolerance);
    }

    [TestMethod]
    public void CosineAnnealsPerStepToTheMinimum()
    {
        var scheduler = Scheduler(LearningRateSchedule.Cosine(minLearningRate: 0.01), epochs: 4);
        Assert.AreEqual(0.1, scheduler.LearningRateAt(0, 0), Tolerance);
        Assert.AreEqual(0.055, scheduler.LearningRateAt(2, 0), Tolerance); // halfway: (0.1 + 0.01) / 2
        Assert.AreEqual(0.01 + 0.09 * (1 + Math.Cos(Math.PI * 39 / 40)) / 2, scheduler.LearningRateAt(3, 9), Tolerance);
        Assert.IsLessThan(scheduler.LearningRateAt(1, 4), scheduler.LearningRateAt(1, 5));
    }

    [TestMethod]
    public void OneCycleRisesToThePeakThenFallsAsPyTorch()
    {
        // 100 steps, pct 0.3: the peak is at step 29, the floor (0.4/25/1e4) at step 99.
        var scheduler = Scheduler(LearningRateSchedule.OneCycle(maxLearningRate: 0.4, pctStart: 0.3));
        Assert.AreEqual(0.4 / 25, scheduler.LearningRateAt(0, 0), Tolerance);
        Assert.AreEqual(0.4, scheduler.LearningRateAt(2, 9), Tolerance);
        Assert.AreEqual(0.4 / 25 / 1e4, scheduler.LearningRateAt(9, 9), 1e-15);
        Assert.IsLessThan(scheduler.LearningRateAt(1, 0), scheduler.LearningRateAt(0, 5));
        Assert.IsGreaterThan(scheduler.LearningRateAt(6, 0), scheduler.LearningRateAt(5, 0));
    }

    [TestMethod]
    public void WarmupScalesTheFirstStepsLinearly()
    {
        var scheduler = Scheduler(LearningRateSchedule.Constant, warmup: 2);
        Assert.AreEqual(0.1 / 20, scheduler.LearningRateAt(0, 0), Tolerance);
        Assert.AreEqual(0.1 * 10 / 20, scheduler.LearningRateAt(0, 9), Tolerance);
        Assert.AreEqual(0.1, scheduler.LearningRateAt(1, 9), Tolerance);
        Assert.AreEqual(0.1, scheduler.LearningRateAt(2, 0), Tolerance);
    }

    [TestMethod]
    public void ReduceOnPlateauDividesAfterPatienceEpochsWithoutImprovement()
    {
        var scheduler = Scheduler(LearningRateSchedule.ReduceOnPlateau(factor: 0.1, patience: 1, minLearningRate: 0.002));
        Assert.IsFalse(scheduler.EpochCompleted(0.5, higherIsBetter: true));
        Assert.IsFalse(scheduler.EpochCompleted(0.6, higherIsBetter: true));
        Assert.IsFalse(scheduler.EpochCompleted(0.6, higherIsBetter: true), "one bad epoch is within patience");
        Assert.AreEqual(0.1, scheduler.LearningRateAt(3, 0), Tolerance);
        Assert.IsTrue(scheduler.EpochCompleted(0.55, higherIsBetter: true), "the second bad epoch reduces");
        Assert.AreEqual(0.01, scheduler.LearningRateAt(4, 0), Tolerance);
        scheduler.EpochCompleted(0.5, true);
        scheduler.EpochCompleted(0.5, true);
        Assert.AreEqual(0.002, scheduler.LearningRateAt(6, 0), Tolerance, "never below the minimum");

        var restored = Scheduler(LearningRateSchedule.ReduceOnPlateau(factor: 0.1, patience: 1, minLearningRate: 0.002));
        restored.Restore(scheduler.State);
        Assert.AreEqual(scheduler.LearningRateAt(7, 3), restored.LearningRateAt(7, 3));
    }

    [TestMethod]
    public void InvalidSettingsNameTheOptionAndTheRange()
    {
        var momentum = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TrainingSettings { Momentum = 1.5 }.Validate());
        StringAssert.Contains(momentum.Message, "TrainingSettings.Momentum must be in [0, 1)");
        StringAssert.Contains(momentum.Message, "1.5");
        var batch = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TrainingSettings { BatchSize = 0 }.Validate());
        StringAssert.Contains(batch.Message, "TrainingSettings.BatchSize must be at least 1");
        var rate = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TrainingSettings { LearningRate = double.NaN }.Validate());
        StringAssert.Contains(rate.Message, "TrainingSettings.LearningRate");
        var nesterov = Assert.ThrowsExactly<ArgumentException>(() => new TrainingSettings { Nesterov = true, Momentum = 0 }.Validate());
        StringAssert.Contains(nesterov.Message, "Nesterov");
        var gamma = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TrainingSettings { Schedule = LearningRateSchedule.Step(2, 1.5) }.Validate());
        StringAssert.Contains(gamma.Message, "TrainingSettings.Schedule.Gamma must be in (0, 1]");
        var warmup = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TrainingSettings { Epochs = 2, WarmupEpochs = 3 }.Validate());
        StringAssert.Contains(warmup.Message, "TrainingSettings.WarmupEpochs must be in [0, 2]");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TrainingSettings { EarlyStoppingPatience = 0 }.Validate());
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TrainingSettings { LabelSmoothing = 1 }.Validate());
    }

    [TestMethod]
    public void PresetsFollowThePapers()
    {
        foreach (var name in TrainingPresets.Names) TrainingPresets.Get(name).Validate();
        var alexNet = TrainingPresets.Get("AlexNet");
        Assert.AreEqual(OptimizerKind.Sgd, alexNet.Optimizer);
        Assert.AreEqual((0.01, 0.9, 5e-4, 128), (alexNet.LearningRate, alexNet.Momentum, alexNet.WeightDecay, alexNet.BatchSize));
        Assert.AreEqual(0.1, ((ReduceOnPlateauSchedule)alexNet.Schedule).Factor);
        Assert.AreEqual(256, TrainingPresets.Get("vgg").BatchSize);
        var resNet = TrainingPresets.Get("resnet");
        Assert.AreEqual((0.1, 1e-4, 256), (resNet.LearningRate, resNet.WeightDecay, resNet.BatchSize));
        var cifar = TrainingPresets.Get("resnet_cifar");
        CollectionAssert.AreEqual(new[] { 0.5, 0.75 }, ((MultiStepSchedule)cifar.Schedule).MilestoneFractions.ToArray());
        Assert.AreEqual(128, cifar.BatchSize);
        var googLeNet = (StepSchedule)TrainingPresets.Get("googlenet").Schedule;
        Assert.AreEqual((8, 0.96), (googLeNet.StepEpochs, googLeNet.Gamma));
        Assert.AreEqual(OptimizerKind.AdamW, TrainingPresets.Get("adamw_cosine").Optimizer);
        Assert.AreEqual("resnet_cifar", TrainingPresets.NameFor("resnet110_cifar"));
        Assert.AreEqual("resnet", TrainingPresets.NameFor("resnet50"));
        Assert.AreEqual("googlenet", TrainingPresets.NameFor("googlenet_paper"));
        Assert.ThrowsExactly<ArgumentException>(() => TrainingPresets.Get("sgd_magic"));
    }

    [TestMethod]
    public void EveryArchitectureTrainsWithARecipeThePresetsKnow()
    {
        foreach (var spec in ModelZoo.All)
        {
            Assert.IsTrue(TrainingPresets.TryGet(spec.TrainingRecipe, out var preset),
                $"{spec.Name} names the recipe '{spec.TrainingRecipe}', which is not a preset ({string.Join(", ", TrainingPresets.Names)})");
            Assert.AreEqual(spec.TrainingRecipe, TrainingPresets.NameFor(spec.Name.ToUpperInvariant()), spec.Name);
            var trained = new CnnTrainer.Options { Architecture = spec.Name }.ToSettings(seed: 0);
            Assert.AreEqual((preset.Optimizer, preset.LearningRate, preset.BatchSize, preset.Epochs, preset.Schedule.Describe()),
                (trained.Optimizer, trained.LearningRate, trained.BatchSize, trained.Epochs, trained.Schedule.Describe()), $"{spec.Name}: the trainer's default settings are its recipe's");
        }
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => TrainingPresets.NameFor("resnet51")).Message, "Unknown architecture");
    }
}
