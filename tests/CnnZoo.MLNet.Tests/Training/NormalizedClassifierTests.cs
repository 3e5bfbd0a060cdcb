using CnnZoo.Architectures;
using CnnZoo.MLNet.Data;
using CnnZoo.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests.Training;

[TestClass]
public sealed class NormalizedClassifierTests
{
    [TestMethod]
    public void ForwardNormalisesThenRunsTheModel()
    {
        torch.random.manual_seed(1);
        var model = ModelZoo.Create("lenet5", new ModelOptions { NumClasses = 3, InChannels = 2, InputSize = 16 });
        using var classifier = new NormalizedClassifier(model, new ChannelStatistics([100.0, 50.0], [20.0, 0.0]));
        classifier.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var raw = torch.rand(4, 2, 16, 16).mul(255);
        var mean = tensor(new float[] { 100, 50 }).view(1, 2, 1, 1);
        var std = tensor(new float[] { 20, 1 }).view(1, 2, 1, 1); // a zero std is stored as 1
        Assert.IsTrue(classifier.call(raw).allclose(model.call(raw.sub(mean).div(std))));
        Assert.IsTrue(classifier.ForwardFeatures(raw).allclose(model.ForwardFeatures(raw.sub(mean).div(std))));
        Assert.IsTrue(classifier.call(raw.to_type(ScalarType.Byte)).allclose(classifier.call(raw.to_type(ScalarType.Byte).to_type(ScalarType.Float32))), "uint8 input is accepted");
        CollectionAssert.AreEqual(new[] { 100.0, 50.0 }, classifier.Normalization.Statistics.Mean.ToArray());
    }

    [TestMethod]
    public void TheStateDictHoldsTheStatisticsAndThePrefixedModel()
    {
        var model = ModelZoo.Create("lenet5", new ModelOptions { NumClasses = 3, InChannels = 1, InputSize = 16 });
        var modelKeys = model.state_dict().Keys.ToArray();
        using var classifier = new NormalizedClassifier(model, new ChannelStatistics([10.0], [2.0]));
        var keys = classifier.state_dict().Keys.ToArray();
        CollectionAssert.AreEquivalent(new[] { "normalization.mean", "normalization.std" }.Concat(modelKeys.Select(k => "model." + k)).ToArray(), keys);

        using var loaded = NormalizedClassifier.Untrained(ModelZoo.Create("lenet5", new ModelOptions { NumClasses = 3, InChannels = 1, InputSize = 16 }));
        Architectures.Weights.ModuleWeights.LoadStateDict(loaded, classifier.state_dict());
        Assert.AreEqual(10.0, loaded.Normalization.Statistics.Mean[0]);
        Assert.IsTrue(TrainingTestData.SameWeights(classifier, loaded));
    }

    [TestMethod]
    public void MismatchedStatisticsAndMissingAuxHeadsAreRefused()
    {
        var model = ModelZoo.Create("lenet5", new ModelOptions { NumClasses = 3, InChannels = 1, InputSize = 16 });
        var channels = Assert.ThrowsExactly<ArgumentException>(() => new NormalizedClassifier(model, ChannelStatistics.Identity(3)));
        StringAssert.Contains(channels.Message, "1 input channel");
        using var classifier = NormalizedClassifier.Untrained(model);
        Assert.IsFalse(classifier.HasAuxClassifiers);
        using var images = torch.zeros(1, 1, 16, 16);
        Assert.ThrowsExactly<InvalidOperationException>(() => classifier.ForwardWithAux(images));
        var shape = Assert.ThrowsExactly<ArgumentException>(() => classifier.call(torch.zeros(1, 3, 16, 16)));
        StringAssert.Contains(shape.Message, "[N, 1, H, W]");
    }
}
