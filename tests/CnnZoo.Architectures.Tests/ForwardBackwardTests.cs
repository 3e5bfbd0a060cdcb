using CnnZoo.Architectures.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Tests;

/// <summary>Loops over the registry: forward and backward at each model's smallest valid input, full width.</summary>
[TestClass]
public sealed class ForwardBackwardTests
{
    // BatchNorm in training mode needs several values per channel; at 1×1 maps (ResNet's minimum input) two are too few
    // for 150 layers of normalisation to keep gradients finite.
    private const int Batch = 4;

    public static IEnumerable<object[]> AllModels => ModelZoo.Names.Select(n => new object[] { n });

    [TestMethod]
    [TestCategory("Slow")]
    [DynamicData(nameof(AllModels))]
    public void TrainsAtItsSmallestInput(string name)
    {
        var spec = ModelZoo.Get(name);
        var options = new ModelOptions { NumClasses = 7, AuxClassifiers = spec.HasAuxClassifiers };
        var minSize = spec.InputConstraintFor(spec.Resolve(options)).MinSize;
        random.manual_seed(0);
        using var model = ModelZoo.Create(name, options with { InputSize = minSize });
        model.train();
        var before = LiveTensors.Count;
        using (var scope = NewDisposeScope())
        {
            var input = randn(Batch, model.Options.InChannels, minSize, minSize);
            var targets = arange(Batch) % 7;
            Tensor loss;
            if (model.HasAuxClassifiers)
            {
                var (logits, auxiliary) = model.ForwardWithAux(input);
                AssertLogits(name, logits, 7);
                Assert.HasCount(model.AuxiliaryLossWeights.Count, auxiliary, $"{name}: one logit tensor per declared auxiliary weight");
                loss = nn.functional.cross_entropy(logits, targets);
                foreach (var (aux, weight) in auxiliary.Zip(model.AuxiliaryLossWeights))
                {
                    AssertLogits(name, aux, 7);
                    loss = loss + weight * nn.functional.cross_entropy(aux, targets);
                }
            }
            else
            {
                var logits = model.call(input);
                AssertLogits(name, logits, 7);
                loss = nn.functional.cross_entropy(logits, targets);
            }
            loss.backward();
            Assert.IsTrue(float.IsFinite(loss.item<float>()), $"{name}: loss {loss.item<float>()}");
            foreach (var (parameterName, parameter) in model.named_parameters())
            {
                var grad = parameter.grad;
                Assert.IsNotNull(grad, $"{name}: {parameterName} got no gradient");
                Assert.IsTrue(isfinite(grad).all().item<bool>(), $"{name}: {parameterName} has a non-finite gradient");
            }
            var features = model.ForwardFeatures(input);
            CollectionAssert.AreEqual(new long[] { Batch, model.NumFeatures }, features.shape, $"{name}: ForwardFeatures shape");
        }
        model.zero_grad();
        Assert.AreEqual(before, LiveTensors.Count, $"{name}: live tensors leaked");
    }

    private static void AssertLogits(string name, Tensor logits, int classes)
    {
        CollectionAssert.AreEqual(new long[] { Batch, classes }, logits.shape, $"{name}: logits shape");
        Assert.IsFalse(isnan(logits).any().item<bool>(), $"{name}: NaN in logits");
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void ResetClassifierReheadsEveryModelClass()
    {
        // One spec per builder: a family's variants share their Build lambda, so this is one per model class.
        foreach (var spec in ModelZoo.All.GroupBy(s => s.Build.Method).Select(g => g.First()))
        {
            var name = spec.Name;
            using var model = ModelZoo.Create(name, new ModelOptions { AuxClassifiers = spec.HasAuxClassifiers, InputSize = spec.MinInputSize == 1 ? 32 : Math.Max(spec.MinInputSize, 32) });
            var size = model.Constraint.ExactSize ?? Math.Max(model.Constraint.MinSize, 32);
            var keys = model.state_dict().Keys.ToHashSet();
            var head = model.HeadKeys.ToHashSet();
            Assert.AreNotEqual(0, head.Count, $"{name}: the head must be declared");
            CollectionAssert.IsSubsetOf(head.Select(k => k.Split('.')[0]).Distinct().ToArray(), model.Blocks.ToArray(), $"{name}: the head sits in top-level blocks");
            var before = model.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
            model.ResetClassifier(4);
            // Re-heading replaces exactly the declared head; the backbone is untouched.
            var after = model.state_dict();
            var replaced = before.Where(p => !p.Value.shape.SequenceEqual(after[p.Key].shape) || !p.Value.equal(after[p.Key]).all().item<bool>()).Select(p => p.Key).ToHashSet();
            foreach (var tensor in before.Values) tensor.Dispose();
            CollectionAssert.IsSubsetOf(replaced.ToArray(), head.ToArray(), $"{name}: ResetClassifier changed keys outside HeadKeys");
            Assert.IsTrue(replaced.Count > 0, $"{name}: ResetClassifier changed nothing");
            model.eval();
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var input = randn(2, model.Options.InChannels, size, size);
            CollectionAssert.AreEqual(new long[] { 2, 4 }, model.call(input).shape, name);
            Assert.AreEqual(4, model.NumClasses);
            CollectionAssert.AreEquivalent(keys.ToArray(), model.state_dict().Keys.ToArray(), $"{name}: state_dict names must survive re-heading");
            if (model.HasAuxClassifiers)
                foreach (var aux in model.ForwardWithAux(input).Auxiliary) CollectionAssert.AreEqual(new long[] { 2, 4 }, aux.shape, $"{name}: auxiliary heads are re-headed too");
        }
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void FreshWeightsAreFinite()
    {
        // GoogLeNet's truncated-normal initialisation once left a NaN weight in about one model in three: build each model
        // class several times under different seeds.
        foreach (var spec in ModelZoo.All.GroupBy(s => s.Build.Method).Select(g => g.First()))
        for (var seed = 1; seed <= 4; seed++)
        {
            torch.random.manual_seed(seed);
            using var model = ModelZoo.Create(spec.Name, new ModelOptions { AuxClassifiers = spec.HasAuxClassifiers, InputSize = spec.MinInputSize == 1 ? 32 : Math.Max(spec.MinInputSize, 32) });
            using var scope = NewDisposeScope();
            var notFinite = model.state_dict().Where(p => p.Value.is_floating_point() && !p.Value.isfinite().all().item<bool>()).Select(p => p.Key).ToList();
            Assert.AreEqual(0, notFinite.Count, $"{spec.Name} (seed {seed}): non-finite initial values in {string.Join(", ", notFinite)}");
        }
    }

    [TestMethod]
    public void ForwardIsTheClassifierOverForwardFeatures()
    {
        using var model = ModelZoo.Create("resnet18", new ModelOptions { NumClasses = 3 });
        model.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var input = randn(2, 3, 64, 64);
        var fc = (TorchSharp.Modules.Linear)model.named_modules().First(m => m.name == "fc").module;
        Assert.IsTrue(model.call(input).allclose(fc.call(model.ForwardFeatures(input)), 1e-5, 1e-6));
    }

    [TestMethod]
    public void ForwardWithAuxNeedsTheAuxHeads()
    {
        using var model = ModelZoo.Create("googlenet", new ModelOptions { NumClasses = 3 });
        using var input = zeros(1, 3, 64, 64);
        Assert.IsEmpty(model.AuxiliaryLossWeights);
        using var withAux = ModelZoo.Create("googlenet", new ModelOptions { NumClasses = 3, AuxClassifiers = true });
        CollectionAssert.AreEqual(new[] { GoogLeNet.AuxLossWeight, GoogLeNet.AuxLossWeight }, withAux.AuxiliaryLossWeights.ToArray(), "two heads, weighted 0.3 as in the paper");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => model.ForwardWithAux(input)).Message, "AuxClassifiers");
        using var plain = ModelZoo.Create("resnet18", new ModelOptions { NumClasses = 3 });
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => plain.ForwardWithAux(input)).Message, "has no auxiliary classifiers");
    }

    [TestMethod]
    public void PlainNetHasNoShortcutAndResNetDoes()
    {
        // Same parameters, different function: zeroing the residual branches leaves ResNet passing its input through, the plain net not.
        foreach (var (name, expectShortcut) in new[] { ("resnet20_cifar", true), ("plain20_cifar", false) })
        {
            using var model = ModelZoo.Create(name);
            model.eval();
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            foreach (var (key, p) in model.named_parameters())
                if (key.StartsWith("layer", StringComparison.Ordinal) && key.EndsWith("bn2.weight", StringComparison.Ordinal)) p.zero_();
            var features = model.ForwardFeatures(randn(2, 3, 32, 32));
            Assert.AreEqual(expectShortcut, features.abs().sum().item<float>() > 0, name);
        }
    }
}
