using CnnZoo.MLNet.Comparison;

namespace CnnZoo.MLNet.Tests;

/// <summary>The pure parts of a comparison: rung schedule, survivors, default candidates, Pareto front, macro-F1.</summary>
[TestClass]
public sealed class ComparisonPlanningTests
{
    [TestMethod]
    public void RungsGrowByTheReductionFactorUpToTheBudget()
    {
        CollectionAssert.AreEqual(new[] { 1, 2, 4, 8 }, HalvingSchedule.RungEpochs(1, 8, 2).ToArray());
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, HalvingSchedule.RungEpochs(1, 3, 2).ToArray());
        CollectionAssert.AreEqual(new[] { 2, 6, 10 }, HalvingSchedule.RungEpochs(2, 10, 3).ToArray());
        CollectionAssert.AreEqual(new[] { 4 }, HalvingSchedule.RungEpochs(4, 4, 2).ToArray());
    }

    [TestMethod]
    public void TheBetterPartSurvivesEachRung()
    {
        Assert.AreEqual(2, HalvingSchedule.Survivors(4, 2));
        Assert.AreEqual(2, HalvingSchedule.Survivors(3, 2));
        Assert.AreEqual(1, HalvingSchedule.Survivors(1, 2));
        Assert.AreEqual(3, HalvingSchedule.Survivors(9, 3));
        Assert.AreEqual(1, HalvingSchedule.Survivors(2, 3));
    }

    [TestMethod]
    public void DefaultCandidatesSuitTheInput()
    {
        var grey28 = CandidateArchitectures.DefaultFor(1, 28);
        CollectionAssert.IsSubsetOf(new[] { "lenet5", "resnet20_cifar", "plain20_cifar" }, grey28.ToArray());
        var colour32 = CandidateArchitectures.DefaultFor(3, 32);
        CollectionAssert.IsSubsetOf(new[] { "resnet20_cifar", "resnet56_cifar", "vgg11_bn", "resnet18" }, colour32.ToArray());
        var imageNet = CandidateArchitectures.DefaultFor(3, 224);
        CollectionAssert.IsSubsetOf(new[] { "resnet18", "resnet50", "vgg16_bn", "googlenet" }, imageNet.ToArray());
        CollectionAssert.AreEqual(imageNet.ToArray(), CandidateArchitectures.DefaultFor(3, null).ToArray(), "unknown size: the ImageNet nets");
        Assert.IsFalse(CandidateArchitectures.DefaultFor(3, 12).Contains("vgg11_bn"), "VGG cannot take 12×12 images");
    }

    [TestMethod]
    public void TheParetoFrontHoldsTheUndominatedPoints()
    {
        (double, double)[] points = [(10, 0.5), (20, 0.7), (30, 0.6), (5, 0.4), (20, 0.7), (40, 0.9), (50, 0.9)];
        CollectionAssert.AreEqual(new[] { 3, 0, 1, 4, 5 }, ParetoFront.Indices(points).ToArray());
        Assert.IsEmpty(ParetoFront.Indices([]));
    }

    [TestMethod]
    public void MacroF1AveragesThePresentClasses()
    {
        // sklearn: f1_score([0,0,0,1,1,2], [0,0,1,1,2,2], average="macro") over labels {0,1,2} = (0.8 + 0.5 + 0.6667) / 3
        IReadOnlyList<IReadOnlyList<double>> counts = [[2, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 0], [0, 0, 0, 0]];
        Assert.AreEqual((0.8 + 0.5 + 2.0 / 3) / 3, MacroF1.From(counts), 1e-12);
        Assert.AreEqual(0, MacroF1.From([]));
    }
}
