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
