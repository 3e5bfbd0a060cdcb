using CnnZoo.Architectures.Analysis;
using CnnZoo.Architectures.Layers;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Tests;

/// <summary>The lecture's tables and numbers, recomputed from the real modules.</summary>
[TestClass]
public sealed class LectureTests
{
    [TestMethod]
    public void AlexNetTableRowByRow()
    {
        // Layer name, tensor size, weights, biases as printed in the lecture.
        (string Shape, long Weights, long Biases)[] lecture =
        [
            ("55x55x96", 34_848, 96), ("27x27x96", 0, 0),
            ("27x27x256", 614_400, 256), ("13x13x256", 0, 0),
            ("13x13x384", 884_736, 384), ("13x13x384", 1_327_104, 384), ("13x13x256", 884_736, 256), ("6x6x256", 0, 0),
            ("4096", 37_748_736, 4_096), ("4096", 16_777_216, 4_096), ("1000", 4_096_000, 1_000),
        ];
        using var model = ModelZoo.Create("alexnet_2012");
        var summary = ModelSummary.Of(model);
        CollectionAssert.AreEqual(new long[] { 3, 227, 227 }, summary.InputShape);
        var rows = summary.Layers.Where(r => r.IsActivationMap).Select(r => (r.ShapeText, r.Weights, r.Biases)).ToArray();
        CollectionAssert.AreEqual(lecture, rows);
        Assert.AreEqual(62_378_344, summary.TotalParameters);
    }

    [TestMethod]
    public void GroupedAlexNetIsThe60MillionNet()
    {
        using var model = ModelZoo.Create("alexnet_2012_grouped");
        var summary = ModelSummary.Of(model);
        Assert.AreEqual(60_965_224, summary.TotalParameters);
        // Same shapes as the one-tower net; conv2/4/5 hold half the weights.
        CollectionAssert.AreEqual(new long[] { 307_200, 663_552, 442_368 }, summary.Layers.Where(r => r.Name is "features.4" or "features.10" or "features.12").Select(r => r.Weights).ToArray());
    }

    [TestMethod]
    public void Vgg16TableRowByRowAndTheTrueTotals()
    {
        // The lecture's VGG-16 list: output size, memory (activations), params (weights only, as printed).
        (string Shape, long Activations, long Weights)[] lecture =
        [
            ("224x224x64", 3_211_264, 1_728), ("224x224x64", 3_211_264, 36_864), ("112x112x64", 802_816, 0),
            ("112x112x128", 1_605_632, 73_728), ("112x112x128", 1_605_632, 147_456), ("56x56x128", 401_408, 0),
            ("56x56x256", 802_816, 294_912), ("56x56x256", 802_816, 589_824), ("56x56x256", 802_816, 589_824), ("28x28x256", 200_704, 0),
            ("28x28x512", 401_408, 1_179_648), ("28x28x512", 401_408, 2_359_296), ("28x28x512", 401_408, 2_359_296), ("14x14x512", 100_352, 0),
            ("14x14x512", 100_352, 2_359_296), ("14x14x512", 100_352, 2_359_296), ("14x14x512", 100_352, 2_359_296), ("7x7x512", 25_088, 0),
            ("4096", 4_096, 102_760_448), ("4096", 4_096, 16_777_216), ("1000", 1_000, 4_096_000),
        ];
        using var model = ModelZoo.Create("vgg16");
        var summary = ModelSummary.Of(model);
        var rows = summary.Layers.Where(r => r.IsActivationMap).Select(r => (r.ShapeText, r.Activations, r.Weights)).ToArray();
        CollectionAssert.AreEqual(lecture, rows);
        Assert.AreEqual(138_357_544, summary.TotalParameters); // "138M parameters"
        // The lecture says "TOTAL memory: 24M * 4 bytes ~ 96MB"; its own rows (plus the 150,528-value input) add up to 15.2M.
        Assert.AreEqual(15_237_608, summary.TotalActivations);
        Assert.AreEqual(150_528 + lecture.Sum(r => r.Activations), summary.TotalActivations);
    }

    [TestMethod]
    public void InceptionModuleNaiveVersusBottleneckAt28x28x256()
    {
        long[] input = [256, 28, 28];
        var naive = new InceptionConfig(Ch1x1: 128, Reduce3x3: null, Ch3x3: 192, Reduce5x5: null, Ch5x5: 96, PoolProj: null);
        var bottleneck = new InceptionConfig(Ch1x1: 128, Reduce3x3: 64, Ch3x3: 192, Reduce5x5: 64, Ch5x5: 96, PoolProj: 64);
        using var naiveModule = new Inception(256, naive, batchNorm: false, fiveByFiveKernel: 5);
        using var bottleneckModule = new Inception(256, bottleneck, batchNorm: false, fiveByFiveKernel: 5);
        var naiveSummary = ModelSummary.Of(naiveModule, input, "naive");
        var bottleneckSummary = ModelSummary.Of(bottleneckModule, input, "bottleneck");
        Assert.AreEqual(854_196_224, naiveSummary.TotalMacs);      // lecture: "854M ops" ✓
        Assert.AreEqual(271_351_808, bottleneckSummary.TotalMacs); // lecture prints 358M: a misprint, its own six terms sum to 271M
        Assert.AreEqual(672, naive.OutputChannels(256));             // 28×28×672: depth grows through the pool branch
        Assert.AreEqual(480, bottleneck.OutputChannels(256));
        using var output = naiveModule.call(zeros(1, 256, 28, 28));
        CollectionAssert.AreEqual(new long[] { 1, 672, 28, 28 }, output.shape);
    }

    [TestMethod]
    public void StackedThreeByThreeConvsSeeSevenBySeven()
    {
        foreach (var (depth, field) in new[] { (1, 3), (2, 5), (3, 7) })
        {
            using var stack = nn.Sequential(Enumerable.Range(0, depth).Select(i => ($"{i}", (nn.Module<Tensor, Tensor>)nn.Conv2d(1, 1, 3, bias: false))));
            var summary = ModelSummary.Of(stack, [1, 16, 16]);
            Assert.AreEqual(field, ReceptiveField.Of(summary));
            Assert.AreEqual(9L * depth, summary.TotalParameters); // per channel pair: 9, 18, 27 …
            using var single = nn.Conv2d(1, 1, field, bias: false);
            Assert.AreEqual((long)field * field, ModelSummary.Of(single, [1, 16, 16]).TotalParameters); // … vs 9, 25, 49
        }
    }

    [TestMethod]
    public void ZfnetAndVggReceptiveFieldsFromTheirModules()
    {
        using var vgg = ModelZoo.Create("vgg16");
        // conv5_3's units see 196 px; the last pool's 212 px (5 blocks of 3×3 stacks and 2×2 pools).
        Assert.AreEqual(212, ReceptiveField.Of(ModelSummary.Of(vgg, [3, 224, 224]).Layers.Where(r => r.Name.StartsWith("features", StringComparison.Ordinal)).Select(r => (r.Kernel ?? 1, r.Stride ?? 1))));
    }

    [TestMethod]
    public void LeNetPaperHasSixtyThousandTrainableParameters()
    {
        using var model = ModelZoo.Create("lenet5_paper");
        var summary = ModelSummary.Of(model);
        Assert.AreEqual(60_000, summary.TotalParameters);
        Assert.AreEqual(840, summary.FixedWeights);
        Assert.AreEqual(1_516, summary.Layers.Single(r => r.Name == "C3").Parameters);
        Assert.AreEqual(150_000, summary.Layers.Single(r => r.Name == "C3").Macs);
        CollectionAssert.AreEqual(new long[] { 120, 1, 1 }, summary.Layers.Single(r => r.Name == "C5").OutputShape);
    }

    [TestMethod]
    public void SummaryTextHasRowsAndTotals()
    {
        using var model = ModelZoo.Create("alexnet_2012");
        var text = ModelSummary.Of(model).ToText(compact: true);
        StringAssert.Contains(text, "55x55x96");
        StringAssert.Contains(text, "62,378,344");
        StringAssert.Contains(text, "1,135,256,096");
    }
}
