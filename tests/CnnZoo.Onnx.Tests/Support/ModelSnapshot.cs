using CnnZoo.Architectures;
using static TorchSharp.torch;

namespace CnnZoo.Onnx.Tests.Support;

/// <summary>A copy of every state_dict tensor of a model, to show that a failed load changed nothing.</summary>
internal sealed class ModelSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> copies;

    public ModelSnapshot(CnnModel model) => copies = model.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone());

    public void AssertUnchanged(CnnModel model)
    {
        var now = model.state_dict();
        CollectionAssert.AreEquivalent(copies.Keys.ToArray(), now.Keys.ToArray());
        foreach (var (key, copy) in copies) Assert.IsTrue(copy.shape.SequenceEqual(now[key].shape) && copy.eq(now[key]).all().item<bool>(), $"{key} changed by a failed load");
    }

    public void Dispose()
    {
        foreach (var copy in copies.Values) copy.Dispose();
    }
}
