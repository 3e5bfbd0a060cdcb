using CnnZoo.Architectures;
using CnnZoo.Onnx.Export;
using CnnZoo.Onnx.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace CnnZoo.Onnx.Tests;

/// <summary>The exported file's contract: deterministic bytes, opset 17, a dynamic batch, the names asked for.</summary>
[TestClass]
public sealed class ExportFormatTests
{
    [TestMethod]
    public void TheSameModelGivesTheSameBytes()
    {
        random.manual_seed(0);
        using var model = ModelZoo.Create("googlenet_paper", new ModelOptions { InputSize = 64 });
        var first = OnnxExport.ToBytes(model);
        CollectionAssert.AreEqual(first, OnnxExport.ToBytes(model), "exporting the same model twice");
        random.manual_seed(0);
        using var twin = ModelZoo.Create("googlenet_paper", new ModelOptions { InputSize = 64 });
        CollectionAssert.AreEqual(first, OnnxExport.ToBytes(twin), "a second instance with the same weights");
    }

    [TestMethod]
    public void TheGraphHasOpset17ADynamicBatchAndTheNamesAskedFor()
    {
        using var model = ModelZoo.Create("resnet20_cifar");
        var onnx = OnnxExport.ToBytes(model, new OnnxExportOptions { InputName = "pixels", OutputName = "scores" });
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(onnx);
        Assert.AreEqual(17L, proto.OpsetImport.Single().Version, "opset 17, as OnnxExport.OpsetVersion states");
        Assert.IsTrue(proto.Graph.Initializer.Any(i => i.Name == "layer1.0.conv1.weight"), "initializers carry state_dict keys");
        Assert.IsFalse(proto.Graph.Node.Any(n => n.OpType == "Dropout"));

        using var session = new InferenceSession(onnx, new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL });
        var input = session.InputMetadata["pixels"];
        CollectionAssert.AreEqual(new[] { -1, 3, 32, 32 }, input.Dimensions);
        Assert.AreEqual("N", input.SymbolicDimensions[0]);
        CollectionAssert.AreEqual(new[] { -1, 10 }, session.OutputMetadata["scores"].Dimensions);
        foreach (var batch in new[] { 1, 5 })
        {
            using var pixels = randn(batch, 3, 32, 32);
            Assert.HasCount(batch * 10, ExportParity.Run(onnx, pixels), $"batch {batch}");
        }
    }

    [TestMethod]
    public void NormalizationSoftmaxAndMetadataAreCheckedAndWritten()
    {
        using var model = ModelZoo.Create("lenet5");
        model.eval();
        var wrongChannels = new OnnxExportOptions { Normalization = new OnnxInputNormalization([1f, 2f], [1f, 1f]) };
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => OnnxExport.ToBytes(model, wrongChannels)).Message, "the model takes 1 channel(s)");
        var zeroStd = new OnnxExportOptions { Normalization = new OnnxInputNormalization([1f], [0f]) };
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => OnnxExport.ToBytes(model, zeroStd)).Message, "positive finite stds");
        var clash = new OnnxExportOptions { Metadata = new Dictionary<string, string> { ["cnnzoo.architecture"] = "x" } };
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => OnnxExport.ToBytes(model, clash)).Message, "'cnnzoo.architecture'");

        var options = new OnnxExportOptions
        {
            Normalization = new OnnxInputNormalization([100f], [50f]), Softmax = true,
            Metadata = new Dictionary<string, string> { ["z"] = "last", ["a"] = "first" },
        };
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(model, options));
        CollectionAssert.AreEqual(new[] { "cnnzoo.architecture", "cnnzoo.num_classes", "cnnzoo.input_size", "a", "z" }, proto.MetadataProps.Select(p => p.Key).ToArray());
        using var pixels = rand(2, 1, 32, 32).mul_(255);
        using var expected = nn.functional.softmax(model.call(pixels.sub(100).div(50)), 1);
        var actual = ExportParity.Run(OnnxExport.ToBytes(model, options), pixels);
        var reference = expected.data<float>().ToArray();
        Assert.IsLessThan(1e-5, reference.Zip(actual, (e, a) => Math.Abs(e - a)).Max(), "(x - 100) / 50, the net, softmax");
    }

    [TestMethod]
    public void AnInputSizeTheModelRefusesIsRefusedWithItsMessage()
    {
        using var model = ModelZoo.Create("lenet5_paper");
        var error = Assert.ThrowsExactly<ArgumentException>(() => OnnxExport.ToBytes(model, new OnnxExportOptions { InputSize = 28 }));
        StringAssert.Contains(error.Message, "32×32");
    }
}
