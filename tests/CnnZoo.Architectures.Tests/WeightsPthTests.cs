using System.Text.Json;
using CnnZoo.Architectures.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Tests;

/// <summary>Reading PyTorch <c>torch.save</c> files; the fixtures come from Fixtures/pth/gen_pth.py (real torch 2.6).</summary>
[TestClass]
public sealed class WeightsPthTests
{
    // gen_pth.py's malicious pickles would create this file if anything ran them.
    private const string PwnedMarker = "/tmp/cnnzoo-pth-pwned";

    private static readonly Dictionary<string, ScalarType> TorchDTypes = new()
    {
        ["float32"] = ScalarType.Float32, ["float16"] = ScalarType.Float16, ["bfloat16"] = ScalarType.BFloat16,
        ["float64"] = ScalarType.Float64, ["int64"] = ScalarType.Int64, ["int32"] = ScalarType.Int32,
        ["uint8"] = ScalarType.Byte, ["bool"] = ScalarType.Bool,
    };

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pth", name);

    private static Dictionary<string, Tensor> Snapshot(nn.Module module) =>
        module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    private static void AssertUnchanged(Dictionary<string, Tensor> before, nn.Module module)
    {
        foreach (var (key, tensor) in module.state_dict())
            Assert.IsTrue(tensor.IsSameAs(before[key]), $"'{key}' changed although the load failed");
    }

    /// <summary>Compares a read state dict with gen_pth.py's JSON: key order, dtype, shape and every value exactly.</summary>
    private static void AssertMatchesJson(StateDict actual, string jsonFixture)
    {
        var expected = Fixtures.Load(Path.Combine("pth", jsonFixture));
        CollectionAssert.AreEqual(expected.EnumerateObject().Select(p => p.Name).ToList(), actual.Keys.ToList(), "keys in file order");
        foreach (var entry in expected.EnumerateObject())
        {
            var tensor = actual[entry.Name];
            Assert.AreEqual(TorchDTypes[entry.Value.GetProperty("dtype").GetString()!], tensor.dtype, entry.Name);
            CollectionAssert.AreEqual(entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(), tensor.shape, entry.Name);
            var values = entry.Value.GetProperty("values");
            if (tensor.is_floating_point())
            {
                using var doubles = tensor.to_type(ScalarType.Float64);
                CollectionAssert.AreEqual(values.EnumerateArray().Select(v => v.GetDouble()).ToArray(), ValuesOf<double>(doubles), entry.Name);
            }
            else
            {
                using var longs = tensor.to_type(ScalarType.Int64);
                CollectionAssert.AreEqual(values.EnumerateArray().Select(v => v.GetInt64()).ToArray(), ValuesOf<long>(longs), entry.Name);
            }
        }
    }

    // TorchSharp's data<T>() accessor throws on an empty tensor.
    private static T[] ValuesOf<T>(Tensor tensor) where T : unmanaged =>
        tensor.NumberOfElements == 0 ? [] : tensor.data<T>().ToArray();

    [TestMethod]
    public void TinyStateDictValuesAreReadExactly()
    {
        Assert.AreEqual(WeightsFormat.PyTorch, StateDictFile.DetectFormat(Fixture("tiny.pth")));
        using var read = StateDictFile.Read(Fixture("tiny.pth"));
        AssertMatchesJson(read, "tiny.json");
    }

    [TestMethod]
    public void EveryDtypeStrideOffsetAndSharedStorageIsReadExactly()
    {
        using var read = StateDictFile.Read(Fixture("dtypes.pth"));
        AssertMatchesJson(read, "dtypes.json");
        Assert.IsTrue(read.Values.All(t => t.is_contiguous() && t.device_type == DeviceType.CPU), "views come back as contiguous CPU tensors");
    }

    [TestMethod]
    [DataRow("checkpoint.pth")]
    [DataRow("model_checkpoint.pth")]
    public void CheckpointWrapperYieldsTheWrappedStateDict(string file)
    {
        using var read = StateDictFile.Read(Fixture(file));
        AssertMatchesJson(read, "tiny.json");
    }

    [TestMethod]
    public void TorchvisionResnet18StateDictLoadsStrictlyByName()
    {
        using var model = ModelZoo.Create("resnet18");
        var result = model.LoadWeights(Fixture("resnet18_expanded.pth"));

        Assert.IsTrue(result.IsExactMatch);
        Assert.AreEqual(model.state_dict().Count, result.Loaded);
        foreach (var (key, loaded) in model.state_dict())
        {
            if (key.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            {
                Assert.AreEqual(7L, loaded.item<long>(), key);
                continue;
            }
            // gen_pth.py stored each tensor as its golden-fill vector expanded along the last dimension.
            using var vector = tensor(GoldenFill.Values(key, [loaded.shape[^1]]));
            using var expected = vector.expand(loaded.shape);
            Assert.IsTrue(loaded.IsSameAs(expected), $"'{key}' differs from the file");
        }
    }

    [TestMethod]
    public void AnotherArchitecturesWeightsAreRejectedWithTheMismatchReport()
    {
        using var model = ModelZoo.Create("resnet34");
        var before = Snapshot(model);

        var error = Assert.ThrowsExactly<StateDictMismatchException>(() => model.LoadWeights(Fixture("resnet18_expanded.pth")));

        CollectionAssert.Contains(error.Missing.ToList(), "layer1.2.conv1.weight");
        Assert.AreEqual(0, error.Unexpected.Count, "resnet18's keys are a subset of resnet34's");
        StringAssert.Contains(error.Message, "nothing was loaded");
        AssertUnchanged(before, model);
    }

    [TestMethod]
    [DataRow("malicious_system.pth", "posix.system")]
    [DataRow("malicious_eval.pth", "__builtin__.eval")] // pickle protocol 2 spells builtins the Python 2 way
    public void PickleThatRunsCodeIsRefusedNamingTheGlobal(string file, string global)
    {
        File.Delete(PwnedMarker);
        using var model = ModelZoo.Create("lenet5");
        var before = Snapshot(model);
        var live = LiveTensors.Count;

        var error = Assert.ThrowsExactly<InvalidDataException>(() => model.LoadWeights(Fixture(file)));

        StringAssert.Contains(error.Message, $"'{global}'");
        StringAssert.Contains(error.Message, "not a plain PyTorch state_dict");
        StringAssert.Contains(error.Message, file);
        Assert.IsFalse(File.Exists(PwnedMarker), "the pickle's command ran");
        Assert.AreEqual(live, LiveTensors.Count, "a refused file allocates no tensors");
        AssertUnchanged(before, model);
    }

    [TestMethod]
    [DataRow("not_a_state_dict.pth", "maps 'epoch' to an int")]
    [DataRow("list.pth", "holds a list")]
    public void PickleWithoutAStateDictIsRefusedSayingWhatItHolds(string file, string expected)
    {
        var error = Assert.ThrowsExactly<InvalidDataException>(() => StateDictFile.Read(Fixture(file)));
        StringAssert.Contains(error.Message, "not a plain PyTorch state_dict");
        StringAssert.Contains(error.Message, expected);
    }

    [TestMethod]
    [DataRow(0.5)]
    [DataRow(0.95)]
    public void TruncatedPthIsInvalidDataNamingTheFile(double keptFraction)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnnzoo-truncated-{Guid.NewGuid():N}.pth");
        var bytes = File.ReadAllBytes(Fixture("tiny.pth"));
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keptFraction)]);
        try
        {
            var error = Assert.ThrowsExactly<InvalidDataException>(() => StateDictFile.Read(path));
            StringAssert.Contains(error.Message, path);
            StringAssert.Contains(error.Message, "corrupt");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void PrePyTorch16PickleFormatIsRefusedWithAWayOut()
    {
        var error = Assert.ThrowsExactly<InvalidDataException>(() => StateDictFile.Read(Fixture("legacy.pth")));
        StringAssert.Contains(error.Message, "before 1.6");
        StringAssert.Contains(error.Message, "safetensors");
    }

    [TestMethod]
    public void WritingPyTorchFormatIsNotSupported()
    {
        using var model = ModelZoo.Create("lenet5");
        var path = Path.Combine(Path.GetTempPath(), $"cnnzoo-{Guid.NewGuid():N}.pth");
        Assert.ThrowsExactly<NotSupportedException>(() => model.SaveWeights(path, WeightsFormat.PyTorch));
        Assert.IsFalse(File.Exists(path));
    }
}
