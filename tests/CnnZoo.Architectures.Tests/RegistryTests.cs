using CnnZoo.Architectures.Models;

namespace CnnZoo.Architectures.Tests;

[TestClass]
public sealed class RegistryTests
{
    private static readonly string[] RequiredNames =
    [
        "lenet5", "lenet5_paper", "alexnet_2012", "alexnet_2012_grouped", "alexnet", "zfnet", "zfnet_paper",
        "vgg11", "vgg_a_lrn", "vgg13", "vgg_c", "vgg16", "vgg19", "vgg11_bn", "vgg13_bn", "vgg16_bn", "vgg19_bn",
        "googlenet", "googlenet_paper", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
        "resnet50_v1", "resnet101_v1", "resnet152_v1", "resnet18_mlnet",
        "resnet20_cifar", "resnet32_cifar", "resnet44_cifar", "resnet56_cifar", "resnet110_cifar", "resnet1202_cifar",
        "plain20_cifar", "plain32_cifar", "plain44_cifar", "plain56_cifar",
    ];

    [TestMethod]
    public void RegistryHoldsExactlyTheLecturesArchitectures()
        => CollectionAssert.AreEquivalent(RequiredNames, ModelZoo.Names.ToArray());

    [TestMethod]
    public void LookupIsCaseInsensitive()
        => Assert.AreSame(ModelZoo.Get("resnet50"), ModelZoo.Get("ResNet50"));

    [TestMethod]
    public void UnknownNameListsTheKnownNames()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => ModelZoo.Create("resnet51"));
        StringAssert.Contains(error.Message, "resnet51");
        foreach (var name in RequiredNames) StringAssert.Contains(error.Message, name);
    }

    [TestMethod]
    public void DuplicateNamesAreRejected()
    {
        var spec = ModelZoo.Get("lenet5");
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => ModelZoo.BuildIndex([spec, spec with { Name = "LeNet5" }]));
        StringAssert.Contains(error.Message, "LeNet5");
    }

    [TestMethod]
    public void EverySpecHasMetadata()
    {
        foreach (var spec in ModelZoo.All)
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(spec.Family), spec.Name);
            Assert.IsFalse(string.IsNullOrWhiteSpace(spec.Description), spec.Name);
            Assert.IsTrue(spec.Paper.Year is >= 1998 and <= 2015, spec.Name);
            Assert.IsTrue(spec.CanonicalInputSize >= spec.MinInputSize, spec.Name);
            Assert.AreEqual(spec.Name.ToLowerInvariant(), spec.Name, "registry keys are lower-case like torchvision's");
        }
        // The lecture's reported errors where it gives one.
        StringAssert.Contains(ModelZoo.Get("zfnet").Paper.ReportedError, "11.7%");
        StringAssert.Contains(ModelZoo.Get("vgg16").Paper.ReportedError, "7.3%");
        StringAssert.Contains(ModelZoo.Get("googlenet").Paper.ReportedError, "6.67%");
        StringAssert.Contains(ModelZoo.Get("resnet152").Paper.ReportedError, "3.57%");
        StringAssert.Contains(ModelZoo.Get("alexnet_2012").Paper.ReportedError, "15.4%");
        StringAssert.Contains(ModelZoo.Get("resnet110_cifar").Paper.ReportedError, "6.43%");
    }

    [TestMethod]
    public void TooSmallInputIsRejectedBeforeBuildingWithTheMinimum()
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ModelZoo.Create("vgg16", new ModelOptions { InputSize = 31 }));
        StringAssert.Contains(error.Message, "32×32");
        error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ModelZoo.Create("googlenet", new ModelOptions { InputSize = 14 }));
        StringAssert.Contains(error.Message, "15×15");
        error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ModelZoo.Create("alexnet", new ModelOptions { InputSize = 62 }));
        StringAssert.Contains(error.Message, "63×63");
    }

    [TestMethod]
    public void InvalidOptionsNameTheOption()
    {
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ModelZoo.Create("lenet5", new ModelOptions { NumClasses = 0 })).Message, "NumClasses");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ModelZoo.Create("lenet5", new ModelOptions { InChannels = 0 })).Message, "InChannels");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ModelZoo.Create("lenet5", new ModelOptions { Dropout = 1.0 })).Message, "Dropout");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ModelZoo.Create("resnet18", new ModelOptions { AuxClassifiers = true })).Message, "AuxClassifiers");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ModelZoo.Create("lenet5_paper", new ModelOptions { NumClasses = 11 })).Message, "lenet5");
    }

    [TestMethod]
    public void TorchvisionCompatibilityIsDeclaredForTorchvisionsModels()
    {
        var compatible = ModelZoo.All.Where(s => s.TorchvisionCompatible).Select(s => s.Name).ToArray();
        CollectionAssert.AreEquivalent(Fixtures.TorchvisionKeys.Value.EnumerateObject().Select(p => p.Name).Where(n => n != "googlenet_aux").ToArray(), compatible);
    }
}
