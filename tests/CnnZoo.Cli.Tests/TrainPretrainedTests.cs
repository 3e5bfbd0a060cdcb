using CnnZoo.Architectures;
using CnnZoo.Architectures.Weights;

namespace CnnZoo.Cli.Tests;

/// <summary><c>cnnzoo train --pretrained</c>: starting weights with a new head, and the usage errors around them.</summary>
[TestClass]
public sealed class TrainPretrainedTests
{
    [TestMethod]
    [TestCategory("Slow")]
    public void TrainStartsFromAWeightsFileAndTrainsTheHead()
    {
        var folder = Directory.CreateTempSubdirectory("cnnzoo-cli-pretrained-").FullName;
        try
        {
            var weights = Path.Combine(folder, "lenet5.safetensors");
            using (var source = ModelZoo.Create("lenet5", new ModelOptions { NumClasses = 4, InChannels = 1 })) source.SaveWeights(weights);
            var model = Path.Combine(folder, "model.zip");
            var train = CliRun.Of("train", "--rows", "256", "--test-rows", "100", "--epochs", "1", "--pretrained", weights, "--train-layers", "head", "--output", model);
            Assert.AreEqual(ExitCodes.Success, train.ExitCode, train.ToString());
            StringAssert.Contains(train.Out, "accuracy");
            Assert.IsTrue(File.Exists(model));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void ImageFilesTakeTheTransferRecipesSizeOnWhiteAndPredictDoesTheSame()
    {
        var folder = Directory.CreateTempSubdirectory("cnnzoo-cli-pretrained-icons-").FullName;
        try
        {
            // Two kinds of Oxygen's transparent icons (eng/setup.sh installs them), six each.
            foreach (var kind in new[] { "devices", "places" })
            {
                var target = Directory.CreateDirectory(Path.Combine(folder, "data", kind)).FullName;
                foreach (var icon in Directory.EnumerateFiles(Path.Combine("/usr/share/icons/oxygen/base/64x64", kind), "*.png").Order(StringComparer.Ordinal).Take(6))
                    File.Copy(icon, Path.Combine(target, Path.GetFileName(icon)));
            }
            var weights = Path.Combine(folder, "resnet20.safetensors");
            using (var source = ModelZoo.Create("resnet20_cifar", new ModelOptions { NumClasses = 10 })) source.SaveWeights(weights);
            var model = Path.Combine(folder, "model.zip");

            var train = CliRun.Of("train", "-m", "resnet20_cifar", "-d", Path.Combine(folder, "data"), "--epochs", "1", "--pretrained", weights, "--output", model);
            Assert.AreEqual(ExitCodes.Success, train.ExitCode, train.ToString());

            var ml = new Microsoft.ML.MLContext(1);
            var loaded = ml.Model.Load(model, out var inputSchema);
            var image = (Microsoft.ML.Transforms.Image.ImageDataViewType)loaded.GetOutputSchema(inputSchema)["Image"].Type;
            Assert.AreEqual((MLNet.Training.TrainingPresets.FineTuneImageSize, MLNet.Training.TrainingPresets.FineTuneImageSize), (image.Height, image.Width), "image files are resized to the transfer recipe's side");
            Assert.IsTrue(Flatten(loaded).Any(t => t is MLNet.Images.ImageBackgroundTransformer), "the saved pipeline composites transparent pixels on white");

            var predict = CliRun.Of("predict", model, Directory.EnumerateFiles(Path.Combine(folder, "data", "devices")).First());
            Assert.AreEqual(ExitCodes.Success, predict.ExitCode, predict.ToString());
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static IEnumerable<Microsoft.ML.ITransformer> Flatten(Microsoft.ML.ITransformer transformer) =>
        transformer is IEnumerable<Microsoft.ML.ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];

    [TestMethod]
    public void ImageNetWeightsNeedTheirArchitectureAndAFileMustExist()
    {
        var wrongNet = CliRun.Of("train", "--pretrained", "imagenet", "--epochs", "1");
        Assert.AreEqual(ExitCodes.Usage, wrongNet.ExitCode, wrongNet.ToString());
        StringAssert.Contains(wrongNet.Err, "-m resnet18_mlnet");

        var missing = CliRun.Of("train", "--pretrained", "/nonexistent/weights.safetensors", "--epochs", "1");
        Assert.AreEqual(ExitCodes.Usage, missing.ExitCode, missing.ToString());
        StringAssert.Contains(missing.Err, "no weights file");
    }
}
