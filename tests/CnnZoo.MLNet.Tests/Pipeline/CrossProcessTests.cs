using System.Globalization;
using Microsoft.ML;

namespace CnnZoo.MLNet.Tests;

[TestCategory("Slow")]
[TestClass]
public sealed class CrossProcessTests
{
    [TestMethod]
    public void ModelSavedHereScoresIdenticallyInAnotherProcess()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(seed: 3);
        using var model = (IDisposable)FashionMnist.LeNetPipeline(ml).Fit(FashionMnist.Train(ml, 256));
        var path = folder.File("model.zip");
        ml.Model.Save((ITransformer)model, FashionMnist.Train(ml, 1).Schema, path);
        var here = FashionMnist.Scores(ml, (ITransformer)model, FashionMnist.Test(ml, 20));

        var output = ProcessHost.Run("score", path, FashionMnist.TestImages, FashionMnist.TestLabels, "20").Trim();
        var there = output.Split(';').Select(row => row.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.HasCount(20, there);
        for (var i = 0; i < here.Length; i++) CollectionAssert.AreEqual(here[i], there[i], $"row {i}");
    }

    [TestMethod]
    public void TrainingKilledHardResumesFromItsLastCheckpoint()
    {
        using var folder = new TempFolder();
        const string epochs = "4", rows = "384";
        // Reference: an uninterrupted run.
        ProcessHost.Run("train", folder.File("reference-checkpoints"), epochs, rows, folder.File("reference.zip"));

        // The same run, killed (SIGKILL) as soon as epoch 2 has been reported, then started again.
        var checkpoints = folder.File("checkpoints");
        using (var victim = ProcessHost.Start("train", checkpoints, epochs, rows, folder.File("resumed.zip")))
        {
            string? line;
            while ((line = victim.StandardOutput.ReadLine()) is not null && line != "epoch 2") { }
            Assert.AreEqual("epoch 2", line, "the run should report epoch 2 before finishing");
            victim.Kill(entireProcessTree: true);
            victim.WaitForExit();
        }
        Assert.IsFalse(File.Exists(folder.File("resumed.zip")), "killed before it could finish");
        Assert.IsTrue(Directory.EnumerateFileSystemEntries(checkpoints).Any(), "a checkpoint was on disk when it was killed");
        var second = ProcessHost.Run("train", checkpoints, epochs, rows, folder.File("resumed.zip"));
        StringAssert.Contains(second, "trained");
        Assert.IsFalse(second.Contains("epoch 1\n", StringComparison.Ordinal), "epoch 1 must not run again");

        // Nothing was lost: the resumed model scores exactly like the uninterrupted one.
        var ml = new MLContext();
        var test = FashionMnist.Test(ml, 16);
        var reference = FashionMnist.Scores(ml, ml.Model.Load(folder.File("reference.zip"), out _), test);
        var resumed = FashionMnist.Scores(ml, ml.Model.Load(folder.File("resumed.zip"), out _), test);
        for (var i = 0; i < reference.Length; i++) CollectionAssert.AreEqual(reference[i], resumed[i], $"row {i}");
    }
}
