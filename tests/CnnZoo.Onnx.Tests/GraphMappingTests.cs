using CnnZoo.Architectures;
using CnnZoo.Onnx.Import;
using CnnZoo.Onnx.IO;
using CnnZoo.Onnx.Tests.Support;

namespace CnnZoo.Onnx.Tests;

/// <summary>The facts the import relies on, re-checked on the package's graph.</summary>
[TestClass]
public sealed class GraphMappingTests
{
    [TestMethod]
    [TestCategory("Slow")]
    public void TheGraphIsACntkResNet18WithThreeBlocksInStageFour()
    {
        var model = OnnxFile.Read(PackageFiles.Model);
        Assert.AreEqual("CNTK", model.ProducerName);
        Assert.AreEqual(8, model.OpsetImport.Single().Version);
        var ops = model.Graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
        Assert.AreEqual(22, ops["Conv"]);
        Assert.AreEqual(22, ops["BatchNormalization"]);
        Assert.AreEqual(9, ops["Add"]);
        Assert.IsFalse(ops.ContainsKey("Gemm") || ops.ContainsKey("MatMul"), "no classifier ships");

        var mapped = ResNetGraphReader.Read(new OnnxGraph(model.Graph, PackageFiles.Model));
        Assert.HasCount(110, mapped);
        var blocks = mapped.Select(m => m.Key).Where(k => k.StartsWith("layer", StringComparison.Ordinal))
            .Select(k => string.Join('.', k.Split('.').Take(2))).Distinct().ToList();
        CollectionAssert.AreEqual(new[] { "layer1.0", "layer1.1", "layer2.0", "layer2.1", "layer3.0", "layer3.1", "layer4.0", "layer4.1", "layer4.2" }, blocks);
        // The projection is listed before its block's conv1 in the file; the mapping follows the Add, not the order.
        CollectionAssert.AreEqual(new long[] { 128, 64, 1, 1 }, mapped.Single(m => m.Key == "layer2.0.downsample.0.weight").Tensor.Dims.ToArray());
        CollectionAssert.AreEqual(new long[] { 128, 64, 3, 3 }, mapped.Single(m => m.Key == "layer2.0.conv1.weight").Tensor.Dims.ToArray());
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void EveryGraphTensorFillsAResnet18MlnetTensorExceptTheClassifier()
    {
        var mapped = ResNetGraphReader.Read(new OnnxGraph(OnnxFile.Read(PackageFiles.Model).Graph, PackageFiles.Model));
        using var model = ModelZoo.Create("resnet18_mlnet");
        var keys = model.state_dict().Keys.Where(k => !ResNetGraphReader.IsAbsentFromGraph(k)).ToArray();
        CollectionAssert.AreEquivalent(keys, mapped.Select(m => m.Key).ToArray());
        var parameters = model.named_parameters().Where(p => !p.name.StartsWith("fc.", StringComparison.Ordinal)).Sum(p => p.parameter.numel());
        var graphParameters = mapped.Where(m => !m.Key.Contains("running_", StringComparison.Ordinal)).Sum(m => m.Tensor.Dims.Aggregate(1L, (a, d) => a * d));
        Assert.AreEqual(parameters, graphParameters);
    }
}
