using System.IO.Compression;
using CnnZoo.MLNet.Training;
using Microsoft.ML;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class ModelFileTests
{
    private static string SaveSmallModel(TempFolder folder, MLContext ml)
    {
        var data = FashionMnist.Train(ml, 64);
        using var model = (IDisposable)FashionMnist.LeNetPipeline(ml, new CnnTrainer.Options { Architecture = "lenet5", Epochs = 1, BatchSize = 32 }).Fit(data);
        var path = folder.File("model.zip");
        ml.Model.Save((ITransformer)model, data.Schema, path);
        return path;
    }

    private static string Messages(Exception ex) => string.Join(" | ", Enumerable.Repeat(ex, 8).Select((e, i) => { var x = e; for (var k = 0; k < i && x is not null; k++) x = x.InnerException; return x?.Message; }).Where(m => m is not null));

    [TestMethod]
    public void TamperedWeightsAreReportedNotLoaded()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(1);
        var path = SaveSmallModel(folder, ml);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith("CnnZooWeights.safetensors", StringComparison.Ordinal));
            byte[] bytes;
            using (var stream = entry.Open()) { using var copy = new MemoryStream(); stream.CopyTo(copy); bytes = copy.ToArray(); }
            // The payload is [int32 length][safetensors]; corrupt the safetensors header's JSON.
            for (var i = 4 + 8; i < 4 + 8 + 16; i++) bytes[i] = (byte)'#';
            entry.Delete();
            using var replaced = zip.CreateEntry(entry.FullName).Open();
            replaced.Write(bytes);
        }
        var error = Assert.Throws<Exception>(() => ml.Model.Load(path, out _));
        StringAssert.Contains(Messages(error), "cannot be loaded");
    }

    [TestMethod]
    public void TruncatedFileFailsClearly()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(1);
        var path = SaveSmallModel(folder, ml);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<Exception>(() => ml.Model.Load(path, out _));
        Assert.IsFalse(string.IsNullOrWhiteSpace(error.Message));
    }

    [TestMethod]
    public void CheckpointOfAnotherArchitectureIsRefused()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(1);
        var data = FashionMnist.Train(ml, 64);
        FitWith(ml, data, new CnnTrainer.Options { Architecture = "lenet5", Epochs = 1, BatchSize = 32, CheckpointDirectory = folder.Path });
        var error = Assert.Throws<Exception>(() => FitWith(ml, data, new CnnTrainer.Options { Architecture = "resnet20_cifar", Epochs = 1, BatchSize = 32, CheckpointDirectory = folder.Path }));
        StringAssert.Contains(error.Message, "lenet5");
        StringAssert.Contains(error.Message, "resnet20_cifar");
    }

    private static void FitWith(MLContext ml, IDataView data, CnnTrainer.Options options)
    {
        using var model = (IDisposable)FashionMnist.LeNetPipeline(ml, options).Fit(data);
    }
}
