using CnnZoo.Architectures;
using CnnZoo.Architectures.Weights;
using CnnZoo.MLNet.Data;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests.Training;

/// <summary>Fine-tuning: what trains and what stays bit-identical, the backbone's own rate, pretrained starts and their errors.</summary>
[TestClass]
public sealed class FineTuningTests
{
    private static Dictionary<string, Tensor> Snapshot(CnnModel model) =>
        model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());

    private static (HashSet<string> Changed, HashSet<string> Same) Compare(Dictionary<string, Tensor> before, CnnModel model)
    {
        var after = model.state_dict();
        var changed = before.Where(p => !TrainingTestData.BitEqual(p.Value, after[p.Key])).Select(p => p.Key).ToHashSet();
        var same = before.Keys.Except(changed).ToHashSet();
        foreach (var tensor in before.Values) tensor.Dispose();
        return (changed, same);
    }

    private static (HashSet<string> Changed, HashSet<string> Same) FineTune(string architecture, FineTuning fineTune, out CnnModel model)
    {
        using var data = TrainingTestData.Patterns(perClass: 12);
        var network = TrainingTestData.Model(architecture, data, inputSize: 32);
        model = network.Model;
        var before = Snapshot(model);
        TrainingEngine.Run(network, data, null, TrainingTestData.Quick(epochs: 1) with { FineTune = fineTune });
        return Compare(before, model);
    }

    [TestMethod]
    public void HeadOnlyTrainsTheHeadAndLeavesTheBackboneAndItsBatchNormStatisticsBitIdentical()
    {
        var (changed, same) = FineTune("resnet20_cifar", new FineTuning { Train = TrainableLayers.Head, FreezeBatchNormStatistics = false }, out var model);
        using var _ = model;
        var head = model.HeadKeys.ToHashSet();
        CollectionAssert.AreEquivalent(head.ToArray(), changed.ToArray(), "exactly the head trains");
        Assert.IsTrue(same.Any(k => k.EndsWith("running_mean", StringComparison.Ordinal)), "the frozen backbone's BatchNorm statistics stay as they were");
    }

    [TestMethod]
    public void TrainingFromABlockFreezesTheBlocksBeforeIt()
    {
        var (changed, same) = FineTune("resnet20_cifar", new FineTuning { Train = TrainableLayers.From("layer3"), FreezeBatchNormStatistics = false }, out var model);
        using var _ = model;
        Assert.IsTrue(same.Where(k => k.StartsWith("layer", StringComparison.Ordinal)).All(k => !k.StartsWith("layer3.", StringComparison.Ordinal)));
        Assert.IsTrue(same.Contains("conv1.weight") && same.Contains("layer1.0.conv1.weight") && same.Contains("layer2.2.bn2.running_var"), "blocks before layer3 are frozen");
        Assert.IsTrue(changed.Contains("layer3.0.conv1.weight") && changed.Contains("layer3.2.bn2.running_mean") && changed.Contains("fc.weight"), "layer3 and the head train");
    }

    [TestMethod]
    public void FrozenBatchNormStatisticsStayWhileTheWeightsTrain()
    {
        var (changed, same) = FineTune("resnet20_cifar", new FineTuning { Train = TrainableLayers.All }, out var model);
        using var _ = model;
        Assert.IsTrue(changed.Contains("conv1.weight") && changed.Contains("layer2.0.bn1.weight"), "every layer trains");
        var statistics = model.state_dict().Keys.Where(k => k.Contains("running_", StringComparison.Ordinal)).ToList();
        Assert.IsTrue(statistics.Count > 0 && statistics.All(same.Contains), "running statistics are kept as pretrained");
    }

    [TestMethod]
    public void TheBackboneLearnsAtItsFactorOfTheHeadsRate()
    {
        using var data = TrainingTestData.Patterns(perClass: 4);
        using var network = TrainingTestData.Model("lenet5", data, inputSize: 28);
        var settings = TrainingTestData.Quick(epochs: 1) with { FineTune = new FineTuning { BackboneLearningRateFactor = 0.25 } };
        network.PrepareFineTuning(settings.FineTune!);
        using var optimizer = OptimizerFactory.Create(network, settings);
        OptimizerFactory.SetLearningRate(optimizer, 0.08, settings);
        var groups = optimizer.ParamGroups.ToList();
        Assert.HasCount(2, groups);
        Assert.AreEqual(0.08, groups[0].LearningRate, 1e-12, "the head's group");
        Assert.AreEqual(0.02, groups[1].LearningRate, 1e-12, "the backbone's group");
    }

    [TestMethod]
    public void AnUnknownFirstBlockNamesTheModelsBlocks()
    {
        using var data = TrainingTestData.Patterns(perClass: 2);
        using var network = TrainingTestData.Model("resnet20_cifar", data, inputSize: 32);
        var error = Assert.ThrowsExactly<ArgumentException>(() => network.PrepareFineTuning(new FineTuning { Train = TrainableLayers.From("layer9") }));
        StringAssert.Contains(error.Message, "layer9");
        StringAssert.Contains(error.Message, "layer1, layer2, layer3");
    }

    [TestMethod]
    public void ColourWeightsLoadIntoAGreyModelSummedOverChannels()
    {
        var folder = TrainingTestData.TempDirectory();
        try
        {
            using var colour = ModelZoo.Create("lenet5", new ModelOptions { NumClasses = 7, InChannels = 3 });
            var file = Path.Combine(folder, "colour.safetensors");
            colour.SaveWeights(file);
            using var grey = ModelZoo.Create("lenet5", new ModelOptions { NumClasses = 3, InChannels = 1 });
            var loaded = PretrainedWeights.FromFile(file).LoadBackbone(grey);
            CollectionAssert.AreEquivalent(grey.HeadKeys.ToArray(), loaded.Missing.ToArray(), "only the new head is left as initialised");
            using var expected = colour.state_dict()["conv1.weight"].sum(1, keepdim: true);
            Assert.IsTrue(grey.state_dict()["conv1.weight"].allclose(expected), "conv1 is the colour filters summed over R, G, B");
            Assert.IsTrue(TrainingTestData.BitEqual(colour.state_dict()["conv2.weight"], grey.state_dict()["conv2.weight"]));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [TestMethod]
    public void WeightsOfAnotherArchitectureAreRefusedAndNothingIsLoaded()
    {
        var folder = TrainingTestData.TempDirectory();
        try
        {
            using var other = ModelZoo.Create("resnet20_cifar", new ModelOptions { NumClasses = 10, InChannels = 1 });
            var file = Path.Combine(folder, "resnet20.safetensors");
            other.SaveWeights(file);
            using var target = ModelZoo.Create("resnet32_cifar", new ModelOptions { NumClasses = 3, InChannels = 1 });
            var before = Snapshot(target);
            var error = Assert.ThrowsExactly<StateDictMismatchException>(() => PretrainedWeights.FromFile(file).LoadBackbone(target));
            StringAssert.Contains(error.Message, "do not fit 'resnet32_cifar'");
            StringAssert.Contains(error.Message, "missing from the source");
            var (changed, _) = Compare(before, target);
            Assert.AreEqual(0, changed.Count, "nothing half-loaded");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void APipelineFineTunesATrainedModelForNewClassesAndTheResultSavesAndLoads()
    {
        var ml = new MLContext(seed: 1);
        var source = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn("lenet5", epochs: 1, batchSize: 32))
            .Fit(FashionMnist.Train(ml, 256));
        using var trained = (CnnZoo.MLNet.Scoring.CnnTransformer)source.LastTransformer;

        // Three of the ten classes, with a new three-class head.
        var three = ml.Data.FilterByCustomPredicate<ClassRow>(FashionMnist.Train(ml, 600), row => row.LabelIndex > 2);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnTrainer.Options
            {
                Architecture = "lenet5", Epochs = 1, BatchSize = 32, Pretrained = trained.AsPretrainedWeights(),
                FineTune = new FineTuning { Train = TrainableLayers.From("fc1") },
            }));
        var model = pipeline.Fit(three);
        var tuned = (CnnZoo.MLNet.Scoring.CnnTransformer)model.LastTransformer;
        Assert.AreEqual(3, tuned.NumClasses);
        Assert.IsTrue(TrainingTestData.BitEqual(trained.Model.state_dict()["conv1.weight"], tuned.Model.state_dict()["conv1.weight"]), "conv1 comes before fc1: kept as trained");
        Assert.IsFalse(TrainingTestData.BitEqual(trained.Model.state_dict()["fc1.weight"], tuned.Model.state_dict()["fc1.weight"]), "fc1 on trains");

        var path = Path.Combine(TrainingTestData.TempDirectory(), "tuned.zip");
        ml.Model.Save(model, three.Schema, path);
        var loaded = ml.Model.Load(path, out _);
        var before = FashionMnist.Scores(ml, model, three);
        var after = FashionMnist.Scores(ml, loaded, three);
        Assert.HasCount(before.Length, after);
        for (var i = 0; i < before.Length; i++) CollectionAssert.AreEqual(before[i], after[i]);
        (loaded as IDisposable)?.Dispose();
        model.Dispose();
        source.Dispose();
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    private sealed class ClassRow
    {
        public uint LabelIndex { get; set; }
    }
}
