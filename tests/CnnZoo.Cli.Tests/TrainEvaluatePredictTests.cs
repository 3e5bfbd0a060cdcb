using System.IO.Compression;

namespace CnnZoo.Cli.Tests;

/// <summary>The main job on a small slice of the real Fashion-MNIST: train → model.zip → evaluate → predict.</summary>
[TestClass]
public sealed class TrainEvaluatePredictTests
{
    [TestMethod]
    [TestCategory("Slow")]
    public void TrainSavesAModelThatEvaluatesAndPredicts()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cnnzoo-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var model = Path.Combine(folder, "model.zip");
            var train = CliRun.Of("train", "--rows", "512", "--test-rows", "200", "--epochs", "2", "--augment", "--output", model);
            Assert.AreEqual(ExitCodes.Success, train.ExitCode, train.ToString());
            StringAssert.Contains(train.Out, "lenet5 on fashion-mnist (test split)");
            StringAssert.Contains(train.Out, "accuracy");
            StringAssert.Contains(train.Out, "Confusion table");
            StringAssert.Contains(train.Err, "epoch 2/2", "per-epoch progress when not on a terminal");
            using (var zip = ZipFile.OpenRead(model)) Assert.IsTrue(zip.Entries.Any(e => e.FullName.EndsWith("CnnZooWeights.safetensors", StringComparison.Ordinal)));

            var evaluate = CliRun.Of("evaluate", model, "--test-rows", "200");
            Assert.AreEqual(ExitCodes.Success, evaluate.ExitCode, evaluate.ToString());
            Assert.AreEqual(Metric(train.Out, "accuracy"), Metric(evaluate.Out, "accuracy"), "the saved model scores as the trained one");

            var image = Path.Combine(folder, "boot.png");
            WriteFirstTestImage(image);
            var predict = CliRun.Of("predict", model, image, "--top", "2");
            Assert.AreEqual(ExitCodes.Success, predict.ExitCode, predict.ToString());
            var row = predict.OutLines.Single(l => l.Contains("boot.png", StringComparison.Ordinal));
            Assert.IsTrue(new[] { "Ankle boot", "Sneaker", "Sandal", "Bag" }.Any(row.Contains), row);

            var missing = CliRun.Of("predict", Path.Combine(folder, "nope.zip"), image);
            Assert.AreEqual(ExitCodes.Usage, missing.ExitCode);
            StringAssert.Contains(missing.Err, "does not exist");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [TestMethod]
    public void UnknownDatasetIsAUsageError()
    {
        var run = CliRun.Of("train", "--data", "imagenet-22k", "--epochs", "1");
        Assert.AreEqual(ExitCodes.Usage, run.ExitCode);
        StringAssert.Contains(run.Err, "fashion-mnist");
    }

    private static string Metric(string output, string name) =>
        output.Split('\n').First(l => l.Contains($"│ {name} ", StringComparison.Ordinal) || l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal)).Trim();

    // The first Fashion-MNIST test image (an ankle boot) as a grey PNG, via ML.NET's MLImage.
    private static void WriteFirstTestImage(string path)
    {
        using var gz = new GZipStream(File.OpenRead("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"), CompressionMode.Decompress);
        var header = new byte[16];
        gz.ReadExactly(header);
        var grey = new byte[784];
        gz.ReadExactly(grey);
        var rgba = grey.SelectMany(g => new[] { g, g, g, (byte)255 }).ToArray();
        using var image = Microsoft.ML.Data.MLImage.CreateFromPixels(28, 28, Microsoft.ML.Data.MLPixelFormat.Rgba32, rgba);
        image.Save(path);
    }
}

/// <summary><c>cnnzoo compare</c> on a tiny slice: leaderboard printed, reports written, winner saved.</summary>
[TestClass]
public sealed class CompareCommandTests
{
    [TestMethod]
    [TestCategory("Slow")]
    public void CompareWritesLeaderboardReportsAndTheWinner()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cnnzoo-compare-{Guid.NewGuid():N}");
        try
        {
            var run = CliRun.Of("compare", "--rows", "300", "--test-rows", "100", "--models", "lenet5,resnet20_cifar", "--max-epochs", "2",
                "--report", Path.Combine(folder, "report"), "--output", Path.Combine(folder, "best.zip"));
            Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
            StringAssert.Contains(run.Out, "Best: ");
            Assert.IsTrue(run.OutLines.Any(l => l.StartsWith("1  ", StringComparison.Ordinal)) && run.OutLines.Any(l => l.StartsWith("2  ", StringComparison.Ordinal)), run.Out);
            StringAssert.Contains(run.Err, "rung 1/2");
            foreach (var file in new[] { "leaderboard.md", "leaderboard.html", "leaderboard.csv", "learning_curves.png", "confusion_matrix.svg" })
                Assert.IsTrue(new FileInfo(Path.Combine(folder, "report", file)).Length > 0, file);
            Assert.IsTrue(File.Exists(Path.Combine(folder, "best.zip")));
        }
        finally { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void ImagesPerEpochSetsWhatAnEpochTrains()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cnnzoo-compare-{Guid.NewGuid():N}");
        try
        {
            var run = CliRun.Of("compare", "--rows", "300", "--test-rows", "100", "--models", "lenet5", "--max-epochs", "2", "--images-per-epoch", "100",
                "--report", Path.Combine(folder, "report"), "--output", Path.Combine(folder, "best.zip"));
            Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
            StringAssert.Contains(run.Out, "rungs at 1, 2 epochs of 100 images");
        }
        finally { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
    }

    [TestMethod]
    public void ANegativeImagesPerEpochIsAUsageError()
    {
        var run = CliRun.Of("compare", "--rows", "50", "--models", "lenet5", "--images-per-epoch", "-1");
        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Err, "--images-per-epoch must be at least 1, or 0 for the whole training split; got -1");
    }
}
