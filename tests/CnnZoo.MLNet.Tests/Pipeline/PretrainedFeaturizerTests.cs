using CnnZoo.Architectures;
using CnnZoo.Architectures.Weights;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests;

/// <summary><c>CnnFeaturize(architecture, weights)</c>: features straight from pretrained weights, with no training step.</summary>
[TestClass]
public sealed class PretrainedFeaturizerTests
{
    [TestMethod]
    public void FeaturesComeFromThePretrainedBackboneAndSurviveSaveAndLoad()
    {
        var folder = Directory.CreateTempSubdirectory("cnnzoo-pretrained-").FullName;
        try
        {
            var file = Path.Combine(folder, "lenet5.safetensors");
            torch.random.manual_seed(5);
            using (var source = ModelZoo.Create("lenet5", new ModelOptions { NumClasses = 10, InChannels = 1 })) source.SaveWeights(file);

            var ml = new MLContext(seed: 1);
            var data = FashionMnist.Train(ml, 48);
            var featurizer = ml.Transforms.CnnFeaturize("lenet5", PretrainedWeights.FromFile(file), outputColumnName: "Embedding").Fit(data);
            var features = ml.Data.CreateEnumerable<EmbeddingRow>(featurizer.Transform(data), reuseRowObject: false).Select(r => r.Embedding).ToArray();
            Assert.HasCount(48, features);
            Assert.HasCount(84, features[0], "LeNet-5's penultimate layer");

            // The same numbers as the module itself on the raw pixels (the file declares no normalisation).
            using var reference = ModelZoo.Create("lenet5", new ModelOptions { NumClasses = 10, InChannels = 1, InputSize = 28 });
            reference.LoadWeights(file);
            reference.eval();
            var pixels = data.GetColumn<float[]>("Features").Take(4).SelectMany(p => p).ToArray();
            using (no_grad())
            using (NewDisposeScope())
            {
                var expected = reference.ForwardFeatures(tensor(pixels, [4, 1, 28, 28])).data<float>().ToArray();
                var actual = features.Take(4).SelectMany(f => f).ToArray();
                Assert.IsLessThanOrEqualTo(1e-5f, actual.Zip(expected, (a, e) => MathF.Abs(a - e)).Max());
            }

            var path = Path.Combine(folder, "featurizer.zip");
            ml.Model.Save(featurizer, data.Schema, path);
            var loaded = ml.Model.Load(path, out _);
            var again = ml.Data.CreateEnumerable<EmbeddingRow>(loaded.Transform(data), reuseRowObject: false).Select(r => r.Embedding).ToArray();
            for (var i = 0; i < features.Length; i++) CollectionAssert.AreEqual(features[i], again[i]);
            (loaded as IDisposable)?.Dispose();
            featurizer.Dispose();
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [TestMethod]
    public void WeightsOfAnotherArchitectureFailAtFitNamingTheKeys()
    {
        var folder = Directory.CreateTempSubdirectory("cnnzoo-pretrained-").FullName;
        try
        {
            var file = Path.Combine(folder, "resnet20.safetensors");
            using (var other = ModelZoo.Create("resnet20_cifar", new ModelOptions { NumClasses = 10, InChannels = 1 })) other.SaveWeights(file);
            var ml = new MLContext(seed: 1);
            var estimator = ml.Transforms.CnnFeaturize("lenet5", PretrainedWeights.FromFile(file));
            var error = Assert.ThrowsExactly<StateDictMismatchException>(() => estimator.Fit(FashionMnist.Train(ml, 8)));
            StringAssert.Contains(error.Message, "do not fit 'lenet5'");
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.CnnFeaturize("lenet6", PretrainedWeights.FromFile(file)));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private sealed class EmbeddingRow
    {
        public float[] Embedding { get; set; } = [];
    }
}
