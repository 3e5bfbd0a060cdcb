using System.Text.Json;
using Microsoft.ML;

namespace CnnZoo.Cli.Tests;

/// <summary><c>cnnzoo export</c>: architectures (random weights) and trained model zips to ONNX, and each bad input as a clear error.</summary>
[TestClass]
public sealed class ExportCommandTests
{
    private string _folder = "";

    [TestInitialize]
    public void CreateFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), $"cnnzoo-export-{Guid.NewGuid():N}"));

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string InFolder(string name) => Path.Combine(_folder, name);

    [TestMethod]
    public void AnArchitectureIsExportedWithRandomWeightsAtTheSizeAsked()
    {
        var onnx = InFolder("lenet5.onnx");
        var run = CliRun.Of("export", "lenet5", "-o", onnx, "--input-size", "32");
        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "random-initialised");
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnx));
        Assert.AreEqual(17L, proto.OpsetImport.Single().Version);
        var dims = proto.Graph.Input.Single().Type.TensorType.Shape.Dim;
        CollectionAssert.AreEqual(new[] { 1L, 32L, 32L }, dims.Skip(1).Select(d => d.DimValue).ToArray());
        Assert.AreEqual("logits", proto.Graph.Output.Single().Name);
    }

    [TestMethod]
    public void AnOpsetOtherThan17IsAUsageErrorNamingTheSupportedOne()
    {
        var onnx = InFolder("x.onnx");
        var run = CliRun.Of("export", "lenet5", "-o", onnx, "--opset", "13");
        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Err, "--opset 13 is not supported");
        StringAssert.Contains(run.Err, "opset 17");
        Assert.IsFalse(File.Exists(onnx));
    }

    [TestMethod]
    public void AnUnknownNameIsAUsageErrorAndAMissingZipSaysSo()
    {
        var unknown = CliRun.Of("export", "lenet6", "-o", InFolder("x.onnx"));
        Assert.AreEqual(ExitCodes.Usage, unknown.ExitCode, unknown.ToString());
        StringAssert.Contains(unknown.Err, "Known models: ");
        var missing = CliRun.Of("export", InFolder("model.zip"), "-o", InFolder("x.onnx"));
        Assert.AreEqual(ExitCodes.Usage, missing.ExitCode, missing.ToString());
        StringAssert.Contains(missing.Err, "does not exist");
    }

    [TestMethod]
    public void AFileThatIsNoZipIsRefusedSayingWhatItIsAndWhatWasExpected()
    {
        var notAZip = InFolder("model.zip");
        File.WriteAllText(notAZip, "not a model");
        var run = CliRun.Of("export", notAZip, "-o", InFolder("x.onnx"));
        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Err, "is not an ML.NET model file (11 bytes that are not a zip archive)");
        StringAssert.Contains(run.Err, "expected a model zip saved by 'cnnzoo train'");
        Assert.IsFalse(File.Exists(InFolder("x.onnx")));
    }

    [TestMethod]
    public void AModelOfOnlyMlNetTransformsIsRefusedNamingThem()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new LabelRow { Label = "a" }, new LabelRow { Label = "b" } });
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data);
        var path = InFolder("keys.zip");
        ml.Model.Save(model, data.Schema, path);
        var run = CliRun.Of("export", path, "-o", InFolder("x.onnx"));
        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Err, "holds an ML.NET model without a CnnZoo CNN");
        StringAssert.Contains(run.Err, "ValueToKeyMappingTransformer");
        StringAssert.Contains(run.Err, "Trainers.Cnn");
        Assert.IsFalse(File.Exists(InFolder("x.onnx")));
    }

    [TestMethod]
    public void AnUnwritableOutputIsAnErrorNamingThePath()
    {
        var file = InFolder("file");
        File.WriteAllText(file, "a file where a folder should be");
        var onnx = Path.Combine(file, "model.onnx");
        var run = CliRun.Of("export", "lenet5", "-o", onnx);
        Assert.AreEqual(ExitCodes.Failure, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Err, $"Cannot write the ONNX model to '{onnx}'");
        CollectionAssert.AreEqual(new[] { file }, Directory.GetFiles(_folder), "nothing half-written");
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void ATrainedModelIsExportedWithItsClassesAndProbabilities()
    {
        var model = InFolder("model.zip");
        var train = CliRun.Of("train", "--rows", "256", "--test-rows", "50", "--epochs", "1", "--output", model);
        Assert.AreEqual(ExitCodes.Success, train.ExitCode, train.ToString());
        var onnx = InFolder("model.onnx");
        var run = CliRun.Of("export", model, "-o", onnx);
        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "probabilities");
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnx));
        var classes = JsonSerializer.Deserialize<string[]>(proto.MetadataProps.Single(p => p.Key == "cnnzoo.classes").Value)!;
        CollectionAssert.AreEquivalent(CnnZoo.MLNet.Data.CnnZooData.FashionMnistClassNames.ToArray(), classes);
        Assert.IsTrue(proto.Graph.Node.Any(n => n.OpType == "Softmax") && proto.Graph.Node.Any(n => n.OpType == "Div"), "softmax and the normalisation are in the graph");

        var resized = CliRun.Of("export", model, "-o", InFolder("y.onnx"), "--input-size", "32");
        Assert.AreEqual(ExitCodes.Usage, resized.ExitCode, resized.ToString());
        StringAssert.Contains(resized.Err, "trained on, 28");
    }

    private sealed class LabelRow
    {
        public string Label { get; set; } = "";
    }
}
