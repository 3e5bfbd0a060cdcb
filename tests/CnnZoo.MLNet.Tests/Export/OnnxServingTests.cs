using System.Text.Json;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>
/// Deployment without TorchSharp: LeNet-5 trained through Trainers.Cnn is exported, and tests/CnnZoo.OnnxServing (ML.NET's
/// ApplyOnnxModel on ONNX Runtime, no TorchSharp, no CnnZoo) scores 1,000 Fashion-MNIST test images in its own process.
/// </summary>
[TestClass]
[TestCategory("Slow")]
public sealed class OnnxServingTests
{
    private const int TestRows = 1000;

    [TestMethod]
    public void AnotherProcessWithoutTorchSharpGivesTheSameLabelsAndScores()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(seed: 11);
        using var model = (IDisposable)FashionMnist.LeNetPipeline(ml, new CnnTrainer.Options { Architecture = "lenet5", Epochs = 2, BatchSize = 32, LearningRate = 0.002 })
            .Fit(FashionMnist.Train(ml, 2000));
        var onnxPath = folder.File("lenet5.onnx");
        TrainedModels.Cnn((ITransformer)model).ExportOnnx(onnxPath);

        var test = FashionMnist.Test(ml, TestRows);
        var scored = ((ITransformer)model).Transform(test);
        var expectedScores = TrainedModels.Floats(scored, "Score");
        var expectedLabels = scored.GetColumn<ReadOnlyMemory<char>>("PredictedLabel").Select(l => l.ToString()).ToArray();
        var pixels = TrainedModels.Floats(test, "Features");
        var pixelsPath = folder.File("pixels.f32");
        File.WriteAllBytes(pixelsPath, System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels.AsSpan()).ToArray());

        var program = ProcessHost.SiblingProject("CnnZoo.OnnxServing");
        var resultPath = folder.File("served.json");
        ProcessHost.RunProgram(program, onnxPath, pixelsPath, "784", resultPath);
        var served = JsonSerializer.Deserialize<Served>(File.ReadAllText(resultPath), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

        Assert.HasCount(TestRows, served.Labels);
        CollectionAssert.AreEqual(expectedLabels, served.Labels, "the same predicted label for every test image");
        var servedScores = served.Scores.SelectMany(s => s).ToArray();
        Assert.AreEqual(expectedScores.Length, servedScores.Length);
        var worst = expectedScores.Zip(servedScores, (e, s) => Math.Abs(e - s)).Max();
        Assert.IsLessThanOrEqualTo(1e-4f, worst, $"max |served - Score| = {worst}");

        Assert.IsTrue(served.Assemblies.Contains("Microsoft.ML.OnnxTransformer"), "the scores came through ApplyOnnxModel");
        var torch = served.Assemblies.Where(a => a.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase) || a.StartsWith("CnnZoo.", StringComparison.Ordinal) && a != "CnnZoo.OnnxServing").ToArray();
        Assert.IsEmpty(torch, $"the serving process loaded {string.Join(", ", torch)}");
        var deps = File.ReadAllText(Path.ChangeExtension(program, ".deps.json"));
        Assert.DoesNotContain("TorchSharp", deps, "the serving program's dependencies name no TorchSharp");
        Assert.DoesNotContain("libtorch", deps);
    }

    private sealed class Served
    {
        public string[] Classes { get; set; } = [];
        public string[] Labels { get; set; } = [];
        public float[][] Scores { get; set; } = [];
        public string[] Assemblies { get; set; } = [];
    }
}
