using System.Text.Json;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Tests;

/// <summary>State_dict keys and logits against torchvision 0.21 (fixtures from Fixtures/gen_golden.py).</summary>
[TestClass]
public sealed class TorchvisionParityTests
{
    public static IEnumerable<object[]> KeyCases => Fixtures.TorchvisionKeys.Value.EnumerateObject().Select(p => new object[] { p.Name });

    [TestMethod]
    [TestCategory("Slow")]
    [DynamicData(nameof(KeyCases))]
    public void StateDictKeysAndShapesEqualTorchvisions(string fixtureName)
    {
        var expected = Fixtures.TorchvisionKeys.Value.GetProperty(fixtureName);
        var aux = fixtureName == "googlenet_aux";
        using var model = ModelZoo.Create(aux ? "googlenet" : fixtureName, new ModelOptions { AuxClassifiers = aux });
        var actual = model.state_dict().Select(kv => (kv.Key, Shape: string.Join(",", kv.Value.shape))).ToList();
        var wanted = expected.GetProperty("state_dict").EnumerateArray()
            .Select(e => (Key: e[0].GetString()!, Shape: string.Join(",", e[1].EnumerateArray().Select(d => d.GetInt64())))).ToList();
        // TorchSharp lists all parameters before all buffers; PyTorch interleaves them per module. Same entries either way.
        Assert.AreEqual(string.Join("\n", wanted.Select(w => $"{w.Key} [{w.Shape}]").Order(StringComparer.Ordinal)),
            string.Join("\n", actual.Select(a => $"{a.Key} [{a.Shape}]").Order(StringComparer.Ordinal)), $"{fixtureName}: keys and shapes");
        static bool IsBuffer(string key) => key.EndsWith("running_mean", StringComparison.Ordinal) || key.EndsWith("running_var", StringComparison.Ordinal) || key.EndsWith("num_batches_tracked", StringComparison.Ordinal);
        Assert.AreEqual(string.Join("\n", wanted.Select(w => w.Key).Where(k => !IsBuffer(k))), string.Join("\n", model.named_parameters().Select(p => p.name)), $"{fixtureName}: parameter order");
        Assert.AreEqual(expected.GetProperty("num_params").GetInt64(), model.parameters().Sum(p => p.numel()));
    }

    public static IEnumerable<object[]> LogitCases => Fixtures.TorchvisionLogits.Value.GetProperty("models").EnumerateObject().Select(p => new object[] { p.Name });

    [TestMethod]
    [TestCategory("Slow")]
    [DynamicData(nameof(LogitCases))]
    public void LogitsMatchTorchvisionForTheSameWeights(string name)
    {
        var golden = Fixtures.TorchvisionLogits.Value;
        var reference = golden.GetProperty("models").GetProperty(name);
        var inputShape = golden.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        using var model = ModelZoo.Create(name);
        GoldenFill.Apply(model);
        model.eval();

        var trunk = reference.GetProperty("trunk");
        var trunkModule = (nn.Module<Tensor, Tensor>)model.named_modules().First(m => m.name == trunk.GetProperty("module").GetString()).module;
        float[]? trunkValues = null;
        long[]? trunkShape = null;
        var hook = trunkModule.register_forward_hook((_, _, output) =>
        {
            trunkShape = output.shape;
            trunkValues = output.contiguous().data<float>().ToArray();
            return output;
        });
        float[] logits;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            logits = model.call(GoldenFill.Input(inputShape)).data<float>().ToArray();
        }
        hook.remove();

        AssertClose(name + " logits", reference.GetProperty("logits").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetSingle()).ToArray(), logits);
        CollectionAssert.AreEqual(trunk.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(), trunkShape);
        var step = trunk.GetProperty("step").GetInt32();
        var sample = trunk.GetProperty("sample").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        AssertClose(name + " trunk", sample, Enumerable.Range(0, sample.Length).Select(i => trunkValues![(long)i * step]).ToArray());
    }

    /// <summary>Max |difference| within 1e-4 of the largest reference magnitude (the "1e-4 relative").</summary>
    private static void AssertClose(string what, float[] expected, float[] actual)
    {
        Assert.AreEqual(expected.Length, actual.Length, what);
        var scale = expected.Max(Math.Abs);
        Assert.IsTrue(scale > 1e-3, $"{what}: reference too small to be meaningful");
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.IsTrue(worst <= 1e-4 * scale, $"{what}: max |Δ| {worst:g3} vs allowed {1e-4 * scale:g3}");
    }
}
