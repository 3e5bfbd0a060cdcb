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
    public void AnInputSizeTheModelRefusesIsRefusedWithItsMessage()
    {
        using var model = ModelZoo.Create("lenet5_paper");
        var error = Assert.ThrowsExactly<ArgumentException>(() => OnnxExport.ToBytes(model, new OnnxExportOptions { InputSize = 28 }));
        StringAssert.Contains(error.Message, "32×32");
    }
}
