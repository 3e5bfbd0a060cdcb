using System.Text.Json;
using CnnZoo.MLNet.Scoring;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace CnnZoo.MLNet.Tests;

/// <summary>A trained classifier's ONNX export reproduces its Score column from the same input values (ONNX Runtime in process).</summary>
[TestClass]
public sealed class TrainedOnnxExportTests
{
    [TestMethod]
    public void TheGraphGivesTheScoreColumnFromRawPixelsWithTheClassesInItsMetadata()
    {
        var ml = new MLContext(seed: 5);
        using var model = (IDisposable)FashionMnist.LeNetPipeline(ml, new CnnTrainer.Options { Architecture = "lenet5", Epochs = 1, BatchSize = 32, LearningRate = 0.002 })
            .Fit(FashionMnist.Train(ml, 256));
        var cnn = TrainedModels.Cnn((ITransformer)model);
        var test = FashionMnist.Test(ml, 48);
        var scored = ((ITransformer)model).Transform(test);
        var expected = TrainedModels.Floats(scored, "Score");

        using var onnx = new MemoryStream();
        cnn.ExportOnnx(onnx);
        using var session = new InferenceSession(onnx.ToArray());
        Assert.AreEqual("Features", session.InputNames.Single(), "named after the feature column");
        Assert.AreEqual("Score", session.OutputNames.Single(), "named after the score column");
        CollectionAssert.AreEqual(new[] { -1, 1, 28, 28 }, session.InputMetadata["Features"].Dimensions);
        var metadata = session.ModelMetadata.CustomMetadataMap;
        CollectionAssert.AreEqual(TrainedModels.ScoreSlotNames(scored.Schema), JsonSerializer.Deserialize<string[]>(metadata["cnnzoo.classes"]), "classes in key order");
        Assert.AreEqual("lenet5", metadata["cnnzoo.architecture"]);
        Assert.AreEqual("[1,28,28]", metadata["cnnzoo.input_shape"]);

        var actual = Run(session, TrainedModels.Floats(test, "Features"), [48, 1, 28, 28]);
        Assert.AreEqual(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.IsLessThanOrEqualTo(1e-5f, worst, $"max |ONNX - Score| = {worst}");
        CollectionAssert.AreEqual(TrainedModels.ArgMax(expected, 10), TrainedModels.ArgMax(actual, 10));
        Assert.AreEqual(48f, actual.Sum(), 1e-3f, "probabilities: each row sums to 1");
    }

    [TestMethod]
    public void InterleavedPixelsAreTakenInTheirOwnLayout()
    {
        var ml = new MLContext(seed: 2);
        var random = new Random(4);
        var rows = Enumerable.Range(0, 64).Select(i => new InterleavedRow
        {
            Label = (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Pixels = Enumerable.Range(0, 28 * 28 * 3).Select(_ => (float)random.Next(256)).ToArray(),
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnTrainer.Options { Architecture = "lenet5", FeatureColumnName = "Pixels", ImageChannels = 3, Epochs = 1, BatchSize = 16 }));
        using var model = pipeline.Fit(data);
        var cnn = TrainedModels.Cnn(model);
        Assert.IsTrue(cnn.Input.Interleaved, "the [28, 28, 3] column is read as interleaved");

        using var onnx = new MemoryStream();
        cnn.ExportOnnx(onnx, new CnnOnnxExportOptions { InputName = "pixels", OutputName = "probabilities" });
        using var session = new InferenceSession(onnx.ToArray());
        CollectionAssert.AreEqual(new[] { -1, 28, 28, 3 }, session.InputMetadata["pixels"].Dimensions);
        var expected = TrainedModels.Floats(model.Transform(data), "Score");
        var actual = Run(session, TrainedModels.Floats(data, "Pixels"), [64, 28, 28, 3]);
        Assert.IsLessThanOrEqualTo(1e-5f, expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max());
    }

    [TestMethod]
    public void AnUnwritablePathIsAnErrorNamingItAndNothingIsWritten()
    {
        var ml = new MLContext(seed: 1);
        using var model = (IDisposable)FashionMnist.LeNetPipeline(ml, new CnnTrainer.Options { Architecture = "lenet5", Epochs = 1, BatchSize = 32 }).Fit(FashionMnist.Train(ml, 64));
        using var folder = new TempFolder();
        var notAFolder = folder.File("file");
        File.WriteAllText(notAFolder, "a file, not a folder");
        var path = Path.Combine(notAFolder, "model.onnx");
        var error = Assert.ThrowsExactly<IOException>(() => TrainedModels.Cnn((ITransformer)model).ExportOnnx(path));
        StringAssert.Contains(error.Message, path);
        CollectionAssert.AreEqual(new[] { notAFolder }, Directory.GetFiles(folder.Path), "no temporary file left behind");
    }

    [TestMethod]
    public void ADisposedModelRefusesToExport()
    {
        var ml = new MLContext(seed: 1);
        var model = FashionMnist.LeNetPipeline(ml, new CnnTrainer.Options { Architecture = "lenet5", Epochs = 1, BatchSize = 32 }).Fit(FashionMnist.Train(ml, 64));
        var cnn = TrainedModels.Cnn(model);
        cnn.Dispose();
        Assert.ThrowsExactly<ObjectDisposedException>(() => cnn.ExportOnnx(new MemoryStream()));
    }

    private static float[] Run(InferenceSession session, float[] input, long[] shape)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var options = new RunOptions();
        using var outputs = session.Run(options, [session.InputNames[0]], [value], [session.OutputNames[0]]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private sealed class InterleavedRow
    {
        public string Label { get; set; } = "";
        [VectorType(28, 28, 3)]
        public float[] Pixels { get; set; } = [];
    }
}
