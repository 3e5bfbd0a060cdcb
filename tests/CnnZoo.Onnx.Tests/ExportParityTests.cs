using CnnZoo.Architectures;
using CnnZoo.Onnx.Tests.Support;

namespace CnnZoo.Onnx.Tests;

/// <summary>
/// Every registry architecture exports, and ONNX Runtime's logits equal libtorch's on a batch of 3 in eval mode to
/// 1e-4 of the largest logit. Driven by the registry: a new architecture without a forward description fails here.
/// </summary>
[TestClass]
public sealed class ExportParityTests
{
    private const int Batch = 3;

    public static IEnumerable<object[]> QuickCases => ExportCase.All.Where(c => !c.Slow).Select(c => new object[] { c.Name });

    public static IEnumerable<object[]> SlowCases => ExportCase.All.Where(c => c.Slow).Select(c => new object[] { c.Name });

    [TestMethod]
    [DynamicData(nameof(QuickCases))]
    public void OnnxRuntimeMatchesLibtorch(string name) => AssertParity(name);

    [TestMethod]
    [TestCategory("Slow")]
    [DynamicData(nameof(SlowCases))]
    public void OnnxRuntimeMatchesLibtorchOnLargeNets(string name) => AssertParity(name);

    [TestMethod]
    public void TheTwoCaseListsCoverTheRegistry() =>
        CollectionAssert.AreEquivalent(ModelZoo.Names.ToArray(), QuickCases.Concat(SlowCases).Select(c => (string)c[0]).ToArray());

    private static void AssertParity(string name)
    {
        var testCase = ExportCase.All.Single(c => c.Name == name);
        TorchSharp.torch.random.manual_seed(0);
        using var model = ModelZoo.Create(name, testCase.Options);
        CnnZoo.Tests.BatchNormCalibration.Randomize(model);
        var relative = ExportParity.RelativeDifference(model, Batch);
        Console.WriteLine($"{name} at {testCase.InputSize}×{testCase.InputSize}: max |difference| / max |logit| = {relative:E2}");
        Assert.IsTrue(double.IsFinite(relative), $"{name}: the relative difference is {relative}");
        Assert.IsLessThanOrEqualTo(ExportParity.Tolerance, relative, $"{name}: ONNX Runtime differs from libtorch by {relative:E2} of the largest logit");
    }
}
