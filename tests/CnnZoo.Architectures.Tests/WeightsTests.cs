using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using CnnZoo.Architectures.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Tests;

[TestClass]
public class WeightsTests
{
    private string _dir = null!;

    [TestInitialize]
    public void CreateTempDirectory()
    {
        _dir = Path.Combine(Path.GetTempPath(), "cnnzoo-weights-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TestCleanup]
    public void DeleteTempDirectory() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static long LiveTensors => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    /// <summary>A model whose BatchNorm statistics have moved off their defaults, so buffers are tested too.</summary>
    private static CnnModel Trained(string name, int? numClasses = null)
    {
        var model = ModelZoo.Create(name, new ModelOptions { NumClasses = numClasses });
        model.train();
        using (var scope = NewDisposeScope())
        {
            var channels = model.Options.InChannels;
            model.forward(randn(2, channels, 32, 32));
        }
        model.eval();
        return model;
    }

    private static Tensor Logits(CnnModel model, Tensor input)
    {
        model.eval();
        using (no_grad()) return model.forward(input);
    }

    private static void AssertSameState(nn.Module expected, nn.Module actual)
    {
        var a = expected.state_dict();
        var b = actual.state_dict();
        CollectionAssert.AreEqual(a.Keys.ToList(), b.Keys.ToList());
        foreach (var (key, tensor) in a)
            Assert.IsTrue(tensor.IsSameAs(b[key]), $"'{key}' differs");
    }

    private static Dictionary<string, Tensor> Clone(nn.Module module) =>
        module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    private static void Dispose(IEnumerable<Tensor> tensors)
    {
        foreach (var tensor in tensors) tensor.Dispose();
    }

    [TestMethod]
    [DataRow("lenet5", "w.safetensors")]
    [DataRow("lenet5", "w.dat")]
    [DataRow("resnet20_cifar", "w.safetensors")]
    [DataRow("resnet20_cifar", "w.dat")]
    public void RoundTripGivesIdenticalTensorsAndOutputs(string name, string file)
    {
        var source = Trained(name);
        var target = ModelZoo.Create(name);
        var path = PathOf(file);

        source.SaveWeights(path);
        var result = target.LoadWeights(path);

        Assert.IsTrue(result.IsExactMatch);
        Assert.AreEqual(source.state_dict().Count, result.Loaded);
        AssertSameState(source, target);
        using var input = randn(2, source.Options.InChannels, 32, 32);
        using var expected = Logits(source, input);
        using var actual = Logits(target, input);
        Assert.IsTrue(expected.IsSameAs(actual));
        Assert.AreEqual(StateDictFile.FormatFromExtension(path), StateDictFile.DetectFormat(path));
    }

    [TestMethod]
    public void ReadKeepsKeyOrderAndReturnsCpuTensors()
    {
        var model = Trained("resnet20_cifar");
        foreach (var format in new[] { WeightsFormat.TorchSharp, WeightsFormat.Safetensors })
        {
            var path = PathOf("w." + format);
            model.SaveWeights(path, format);
            Assert.AreEqual(format, StateDictFile.DetectFormat(path), "format is detected from content, not extension");
            using var read = StateDictFile.Read(path);
            CollectionAssert.AreEqual(model.state_dict().Keys.ToList(), read.Keys.ToList());
            Assert.IsTrue(read.Values.All(t => t.device_type == DeviceType.CPU));
            Assert.AreEqual(ScalarType.Int64, read["bn1.num_batches_tracked"].dtype);
        }
    }

    [TestMethod]
    public void OurTorchSharpFileLoadsWithTorchSharpsOwnLoad()
    {
        var source = Trained("resnet20_cifar");
        var target = ModelZoo.Create("resnet20_cifar");
        var path = PathOf("ours.dat");

        source.SaveWeights(path, WeightsFormat.TorchSharp);
        target.load(path);

        AssertSameState(source, target);
    }

    [TestMethod]
    public void TorchSharpsOwnSaveIsReadByUs()
    {
        var source = Trained("resnet20_cifar");
        var target = ModelZoo.Create("resnet20_cifar");
        var path = PathOf("theirs.dat");

        source.save(path);
        Assert.AreEqual(WeightsFormat.TorchSharp, StateDictFile.DetectFormat(path));
        target.LoadWeights(path);

        AssertSameState(source, target);
    }

    [TestMethod]
    public void OurTorchSharpBytesEqualTorchSharpsOwn()
    {
        var model = Trained("lenet5");
        model.save(PathOf("theirs.dat"));
        model.SaveWeights(PathOf("ours.dat"), WeightsFormat.TorchSharp);
        CollectionAssert.AreEqual(File.ReadAllBytes(PathOf("theirs.dat")), File.ReadAllBytes(PathOf("ours.dat")));
    }

    [TestMethod]
    public void SafetensorsHeaderDescribesEveryTensorInOrder()
    {
        var model = Trained("lenet5");
        var path = PathOf("w.safetensors");
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["arch"] = "lenet5" };
        StateDictFile.WriteSafetensors(model.state_dict(), path, metadata);

        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.AreEqual(0, (8 + headerLength) % 8, "data section is 8-byte aligned");
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var entries = header.RootElement.EnumerateObject().ToList();
        Assert.AreEqual("__metadata__", entries[0].Name);
        Assert.AreEqual("lenet5", entries[0].Value.GetProperty("arch").GetString());

        long offset = 0;
        var state = model.state_dict();
        CollectionAssert.AreEqual(state.Keys.ToList(), entries.Skip(1).Select(e => e.Name).ToList());
        foreach (var entry in entries.Skip(1))
        {
            var tensor = state[entry.Name];
            Assert.AreEqual("F32", entry.Value.GetProperty("dtype").GetString());
            CollectionAssert.AreEqual(tensor.shape, entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray());
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            CollectionAssert.AreEqual(new[] { offset, offset + tensor.numel() * 4 }, offsets);
            var stored = MemoryMarshalFloats(bytes, 8 + headerLength + offset, tensor.numel());
            CollectionAssert.AreEqual(tensor.data<float>().ToArray(), stored, entry.Name);
            offset = offsets[1];
        }
        Assert.AreEqual(bytes.Length, 8 + headerLength + offset);

        using var read = StateDictFile.Read(path);
        Assert.AreEqual("pt", read.Metadata["format"]);
    }

    private static float[] MemoryMarshalFloats(byte[] bytes, long start, long count) =>
        Enumerable.Range(0, (int)count).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)start + 4 * i))).ToArray();

    private static byte[] Safetensors(string header, byte[] data, ulong? declaredLength = null)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }

    private static byte[] LittleEndian(float a, float b, long c)
    {
        var data = new byte[16];
        BinaryPrimitives.WriteSingleLittleEndian(data, a);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), b);
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(8), c);
        return data;
    }

    [TestMethod]
    public void HandCraftedSafetensorsIsReadExactly()
    {
        var path = PathOf("hand.safetensors");
        File.WriteAllBytes(path, Safetensors(
            """{"__metadata__":{"source":"hand"},"v":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"n":{"dtype":"I64","shape":[],"data_offsets":[8,16]}}""",
            LittleEndian(1.5f, -2f, 42)));

        using var read = StateDictFile.Read(path);

        CollectionAssert.AreEqual(new[] { "v", "n" }, read.Keys.ToList());
        Assert.AreEqual("hand", read.Metadata["source"]);
        CollectionAssert.AreEqual(new[] { 1.5f, -2f }, read["v"].data<float>().ToArray());
        Assert.AreEqual(ScalarType.Int64, read["n"].dtype);
        Assert.AreEqual(0, read["n"].dim());
        Assert.AreEqual(42L, read["n"].item<long>());
    }

    [TestMethod]
    public void EverySafetensorsDtypeRoundTrips()
    {
        var values = tensor(new double[] { 0, 1, -2, 3.5, 100, -7 }).reshape(2, 3);
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = values.to(float32), ["f64"] = values.to(float64), ["f16"] = values.to(float16),
            ["bf16"] = values.to(bfloat16), ["i64"] = values.to(int64), ["i32"] = values.to(int32),
            ["i16"] = values.to(int16), ["i8"] = values.to(int8), ["u8"] = values.abs().to(uint8),
            ["bool"] = values.to(@bool), ["scalar"] = tensor(3.25f), ["empty"] = zeros(0, 4),
            ["transposed"] = values.to(float32).t(), // non-contiguous input is written in logical order
        };
        try
        {
            foreach (var file in new[] { "all.safetensors", "all.dat" })
            {
                var path = PathOf(file);
                StateDictFile.Write(tensors, path, StateDictFile.FormatFromExtension(path));
                using var read = StateDictFile.Read(path);
                CollectionAssert.AreEqual(tensors.Keys.ToList(), read.Keys.ToList());
                foreach (var (key, expected) in tensors)
                {
                    Assert.AreEqual(expected.dtype, read[key].dtype, key);
                    CollectionAssert.AreEqual(expected.shape, read[key].shape, key);
                    Assert.IsTrue(expected.IsSameAs(read[key]), $"{file}: '{key}' differs");
                }
            }
        }
        finally
        {
            values.Dispose();
            Dispose(tensors.Values);
        }
    }

    [TestMethod]
    public void StrictLoadOfShallowerNetNamesMissingKeysAndChangesNothing()
    {
        var path = PathOf("resnet20.safetensors");
        Trained("resnet20_cifar").SaveWeights(path);
        var target = ModelZoo.Create("resnet32_cifar");
        var before = Clone(target);

        var error = Assert.ThrowsExactly<StateDictMismatchException>(() => target.LoadWeights(path));

        Assert.IsTrue(error.Missing.Contains("layer1.3.conv1.weight"), string.Join(", ", error.Missing));
        Assert.AreEqual(0, error.Unexpected.Count);
        Assert.AreEqual(0, error.ShapeMismatches.Count);
        StringAssert.Contains(error.Message, "layer1.3.conv1.weight [16, 16, 3, 3]");
        StringAssert.Contains(error.Message, "more");
        StringAssert.Contains(error.Message, "nothing was loaded");
        foreach (var (key, tensor) in target.state_dict())
            Assert.IsTrue(tensor.IsSameAs(before[key]), $"strict failure modified '{key}'");
        Dispose(before.Values);
    }

    [TestMethod]
    public void NonStrictLoadOfShallowerNetLoadsTheSharedKeys()
    {
        var source = Trained("resnet20_cifar");
        var target = ModelZoo.Create("resnet32_cifar");
        var path = PathOf("resnet20.dat");
        source.SaveWeights(path);

        var result = target.LoadWeights(path, strict: false);

        var sourceState = source.state_dict();
        var targetState = target.state_dict();
        Assert.AreEqual(sourceState.Count, result.Loaded);
        Assert.AreEqual(targetState.Count - sourceState.Count, result.Missing.Count);
        Assert.AreEqual(0, result.Unexpected.Count);
        foreach (var (key, tensor) in sourceState)
            Assert.IsTrue(tensor.IsSameAs(targetState[key]), key);
    }

    [TestMethod]
    public void RenamedKeyIsReportedAsMissingAndUnexpected()
    {
        var source = Trained("lenet5");
        var target = ModelZoo.Create("lenet5");
        var renamed = source.state_dict().ToDictionary(
            kv => kv.Key == "fc2.bias" ? "fc2.offset" : kv.Key, kv => kv.Value);

        var error = Assert.ThrowsExactly<StateDictMismatchException>(() => target.LoadStateDict(renamed));
        CollectionAssert.AreEqual(new[] { "fc2.bias" }, error.Missing.ToList());
        CollectionAssert.AreEqual(new[] { "fc2.offset" }, error.Unexpected.ToList());
        StringAssert.Contains(error.Message, "fc2.bias [84]");
        StringAssert.Contains(error.Message, "fc2.offset [84]");
        Assert.IsFalse(target.state_dict()["conv1.weight"].IsSameAs(source.state_dict()["conv1.weight"]), "strict failure loaded nothing");

        var result = target.LoadStateDict(renamed, strict: false);
        Assert.AreEqual(renamed.Count - 1, result.Loaded);
        Assert.IsTrue(target.state_dict()["conv1.weight"].IsSameAs(source.state_dict()["conv1.weight"]));
        Assert.IsFalse(target.state_dict()["fc2.bias"].IsSameAs(source.state_dict()["fc2.bias"]));
    }

    [TestMethod]
    public void ClassifierShapeMismatchIsReportedWithShapes()
    {
        var path = PathOf("lenet10.safetensors");
        var source = Trained("lenet5", numClasses: 10);
        source.SaveWeights(path);
        var target = ModelZoo.Create("lenet5", new ModelOptions { NumClasses = 5 });
        var before = Clone(target);

        var error = Assert.ThrowsExactly<StateDictMismatchException>(() => target.LoadWeights(path));
        CollectionAssert.AreEqual(new[] { "fc3.weight", "fc3.bias" }, error.ShapeMismatches.Select(m => m.Key).ToList());
        CollectionAssert.AreEqual(new long[] { 5, 84 }, error.ShapeMismatches[0].Expected);
        CollectionAssert.AreEqual(new long[] { 10, 84 }, error.ShapeMismatches[0].Actual);
        StringAssert.Contains(error.Message, "fc3.weight: expected [5, 84], got [10, 84]");
        foreach (var (key, tensor) in target.state_dict())
            Assert.IsTrue(tensor.IsSameAs(before[key]), $"strict failure modified '{key}'");

        var result = target.LoadWeights(path, strict: false);
        Assert.AreEqual(2, result.ShapeMismatches.Count);
        Assert.AreEqual(source.state_dict().Count - 2, result.Loaded);
        Assert.IsTrue(target.state_dict()["fc2.weight"].IsSameAs(source.state_dict()["fc2.weight"]));
        Assert.IsTrue(target.state_dict()["fc3.weight"].IsSameAs(before["fc3.weight"]));
        Dispose(before.Values);
    }

    [TestMethod]
    public void Float64SourceIsCastIntoFloat32Module()
    {
        var source = Trained("lenet5");
        var target = ModelZoo.Create("lenet5");
        var doubles = source.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.to(float64));
        var path = PathOf("doubles.safetensors");
        StateDictFile.WriteSafetensors(doubles, path);
        Dispose(doubles.Values);

        target.LoadWeights(path);

        Assert.IsTrue(target.state_dict().Values.All(t => t.dtype == ScalarType.Float32));
        AssertSameState(source, target);
    }

    [TestMethod]
    [DataRow("w.safetensors")]
    [DataRow("w.dat")]
    public void TruncatedFileIsInvalidDataNamingTheFile(string file)
    {
        var path = PathOf(file);
        Trained("lenet5").SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => StateDictFile.Read(path));
        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, file.EndsWith(".dat") ? "truncated" : "outside data section");
    }

    [TestMethod]
    public void CutSafetensorsHeaderReportsHeaderLength()
    {
        var path = PathOf("cut.safetensors");
        Trained("lenet5").SaveWeights(path);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => StateDictFile.Read(path));
        StringAssert.Contains(error.Message, "exceeds file size 100");
    }

    [TestMethod]
    [DataRow("""{"v":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}""", "not valid JSON")]
    [DataRow("""{"v":{"dtype":"F32","shape":[2],"data_offsets":[0,800]}}""", "tensor 'v' data_offsets [0, 800] outside data section of 16 bytes")]
    [DataRow("""{"v":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", "needs 12")]
    [DataRow("""{"v":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}}""", "unsupported dtype 'F8_E4M3'")]
    [DataRow("""{"v":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", "not a non-negative integer")]
    [DataRow("""[1, 2]""", "not an object")]
    public void TamperedSafetensorsHeaderIsInvalidData(string header, string expected)
    {
        var path = PathOf("tampered.safetensors");
        File.WriteAllBytes(path, Safetensors(header, LittleEndian(1, 2, 3)));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => StateDictFile.Read(path));
        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, expected);
    }

    [TestMethod]
    public void HeaderLengthBeyondFileIsInvalidData()
    {
        var path = PathOf("long.safetensors");
        File.WriteAllBytes(path, Safetensors("{}", [], declaredLength: 12345678));
        var error = Assert.ThrowsExactly<InvalidDataException>(() => StateDictFile.Read(path));
        StringAssert.Contains(error.Message, "header length 12345678 exceeds file size 10");
    }

    [TestMethod]
    public void CorruptTorchSharpEntryCountIsInvalidData()
    {
        var path = PathOf("count.dat");
        Trained("lenet5").SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        bytes[0] = 11; // lenet5 has 10 entries
        File.WriteAllBytes(path, bytes);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => StateDictFile.Read(path));
        StringAssert.Contains(error.Message, "entry 11 of 11 is truncated");
    }

    [TestMethod]
    public void BrokenZipIsInvalidDataNamingTheZipDirectory()
    {
        var path = PathOf("model.pth");
        File.WriteAllBytes(path, [(byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0, 0, 0]);
        Assert.AreEqual(WeightsFormat.PyTorch, StateDictFile.DetectFormat(path));
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => StateDictFile.Read(path)).Message, "zip directory is unreadable");
    }

    [TestMethod]
    public void MissingFileIsFileNotFoundNamingThePath()
    {
        var path = PathOf("absent.safetensors");
        var error = Assert.ThrowsExactly<FileNotFoundException>(() => ModelZoo.Create("lenet5").LoadWeights(path));
        Assert.AreEqual(path, error.FileName);
        StringAssert.Contains(error.Message, path);
    }

    [TestMethod]
    public void SavingOverwritesAtomicallyAndLeavesNoTempFiles()
    {
        var path = PathOf("w.safetensors");
        ModelZoo.Create("lenet5").SaveWeights(path);
        var second = Trained("lenet5");
        second.SaveWeights(path);

        CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(_dir));
        var target = ModelZoo.Create("lenet5");
        target.LoadWeights(path);
        AssertSameState(second, target);
    }

    [TestMethod]
    public void SaveAndLoadDisposeEveryTemporaryTensor()
    {
        var source = Trained("resnet20_cifar");
        var target = ModelZoo.Create("resnet20_cifar");
        var safetensors = PathOf("w.safetensors");
        var torchSharp = PathOf("w.dat");
        var start = LiveTensors;

        source.SaveWeights(safetensors);
        source.SaveWeights(torchSharp);
        target.LoadWeights(safetensors);
        target.LoadWeights(torchSharp, strict: false);
        Assert.AreEqual(start, LiveTensors, "save/load leaked tensors");

        Assert.ThrowsExactly<StateDictMismatchException>(() => ModelZoo.Create("resnet32_cifar").LoadWeights(safetensors));
        var afterFailedLoad = LiveTensors;

        using (var read = StateDictFile.Read(torchSharp))
            Assert.AreEqual(afterFailedLoad + read.Count, LiveTensors, "Read returns exactly the tensors it owns");
        Assert.AreEqual(afterFailedLoad, LiveTensors, "disposing the StateDict frees its tensors");

        File.WriteAllBytes(torchSharp, File.ReadAllBytes(torchSharp)[..5000]);
        Assert.ThrowsExactly<InvalidDataException>(() => StateDictFile.Read(torchSharp));
        Assert.AreEqual(afterFailedLoad, LiveTensors, "a failed read frees what it had allocated");
    }
}

internal static class WeightsTestTensorExtensions
{
    /// <summary>torch.equal with dtype: same element type, same shape, same values.</summary>
    public static bool IsSameAs(this Tensor actual, Tensor expected) =>
        actual.dtype == expected.dtype && actual.Equals(expected);
}
