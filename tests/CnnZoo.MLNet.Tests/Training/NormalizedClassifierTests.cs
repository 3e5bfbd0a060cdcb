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

    [TestMethod]
    public void AModelDeclaringAuxiliaryHeadsTrainsWithItsOwnAuxiliaryLossWeights()
    {
        torch.random.manual_seed(1);
        var spec = TwoHeadNet.Registration;
        var model = spec.Build(spec, spec.Resolve(new ModelOptions { AuxClassifiers = true }));
        using var data = TrainingTestData.Patterns(perClass: 4, side: 8);
        using var classifier = new NormalizedClassifier(model, data.ComputeChannelStatistics());
        Assert.IsTrue(classifier.HasAuxClassifiers);
        CollectionAssert.AreEqual(new[] { TwoHeadNet.AuxWeight }, classifier.AuxiliaryLossWeights.ToArray());

        using (var scope = NewDisposeScope())
        {
            var images = torch.rand(4, 1, 8, 8).mul(255);
            var labels = tensor(new long[] { 0, 1, 2, 0 });
            var (logits, auxiliary) = classifier.ForwardWithAux(images);
            var main = nn.functional.cross_entropy(logits, labels);
            var declared = TrainingLoss.Compute(classifier, images, labels, new TrainingSettings());
            Assert.IsTrue(declared.Main.allclose(main));
            Assert.IsTrue(declared.Total.allclose(main + TwoHeadNet.AuxWeight * nn.functional.cross_entropy(auxiliary.Single(), labels)), "main + the model's weight × auxiliary loss");
            var overridden = TrainingLoss.Compute(classifier, images, labels, new TrainingSettings { AuxLossWeight = 2 });
            Assert.IsTrue(overridden.Total.allclose(main + 2 * nn.functional.cross_entropy(auxiliary.Single(), labels)), "TrainingSettings.AuxLossWeight overrides the model's weight");
        }

        // Through the training loop: with the auxiliary loss switched off its head gets no gradient; with the model's weight it learns.
        const string auxKey = "model.aux.weight";
        using var initial = classifier.state_dict()[auxKey].clone();
        TrainingEngine.Run(classifier, data, null, TrainingTestData.Quick(epochs: 1) with { BatchSize = 4, AuxLossWeight = 0 });
        Assert.IsTrue(TrainingTestData.BitEqual(initial, classifier.state_dict()[auxKey]));
        var result = TrainingEngine.Run(classifier, data, null, TrainingTestData.Quick(epochs: 1) with { BatchSize = 4 });
        Assert.IsTrue(double.IsFinite(result.History[0].TrainLoss));
        Assert.IsFalse(TrainingTestData.BitEqual(initial, classifier.state_dict()[auxKey]));
    }

    /// <summary>
    /// Stands for any architecture with an auxiliary classifier, with nothing GoogLeNet-specific: a conv trunk, a main and an
    /// auxiliary linear head on the pooled features, the auxiliary loss weighted 0.5.
    /// </summary>
    private sealed class TwoHeadNet : CnnModel
    {
        public const double AuxWeight = 0.5;

        public static readonly ModelSpec Registration = new()
        {
            Name = "two_head_test_net", Family = "Test", Description = "conv trunk with a main and an auxiliary head",
            Paper = new PaperInfo("none", "none", 2015), CanonicalInputSize = 8, DefaultInChannels = 1, DefaultNumClasses = 3,
            HasAuxClassifiers = true, TrainingRecipe = TrainingRecipes.AdamWCosine,
            InputConstraintFor = _ => InputConstraint.AtLeast(1),
            Build = (spec, options) => new TwoHeadNet(spec, options),
        };

        private readonly nn.Module<Tensor, Tensor> conv, pool;
        private nn.Module<Tensor, Tensor> fc;
        private nn.Module<Tensor, Tensor>? aux;

        private TwoHeadNet(ModelSpec spec, ResolvedModelOptions options) : base(spec, options)
        {
            conv = nn.Conv2d(options.InChannels, 4, 3, padding: 1);
            pool = nn.AdaptiveAvgPool2d(1);
            fc = nn.Linear(4, options.NumClasses);
            if (options.AuxClassifiers) aux = nn.Linear(4, options.NumClasses);
            RegisterComponents();
        }

        public override IReadOnlyList<double> AuxiliaryLossWeights => aux is null ? [] : [AuxWeight];

        public override int NumFeatures => 4;

        protected override Tensor Features(Tensor input) => pool.call(nn.functional.relu(conv.call(input))).flatten(1);

        protected override (Tensor Features, IReadOnlyList<Tensor> Auxiliary) FeaturesWithAux(Tensor input)
        {
            var features = Features(input);
            return (features, [aux!.call(features)]);
        }

        protected override Tensor Classify(Tensor features) => fc.call(features);

        protected override IEnumerable<string> HeadModules => aux is null ? [nameof(fc)] : [nameof(fc), nameof(aux)];

        protected override void ReplaceClassifier(int numClasses, Device device)
        {
            fc = nn.Linear(4, numClasses, device: device);
            ReplaceModule(nameof(fc), fc);
        }
    }
}
