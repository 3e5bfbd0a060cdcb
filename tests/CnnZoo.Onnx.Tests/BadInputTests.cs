using CnnZoo.Architectures;
using CnnZoo.Architectures.Weights;
using CnnZoo.Onnx.Pretrained;
using CnnZoo.Onnx.Tests.Support;

namespace CnnZoo.Onnx.Tests;

/// <summary>Each way the weights can be unusable gives a clear error and leaves the target model as it was.</summary>
[TestClass]
public sealed class BadInputTests
{
    [TestMethod]
    public void AbsentPackageNamesThePackageReferenceToAdd()
    {
        var empty = PackageFiles.EmptyFolder();
        var error = Assert.ThrowsExactly<FileNotFoundException>(() => DnnImageFeaturizerPackage.Locate(empty, empty));
        StringAssert.Contains(error.Message, "<PackageReference Include=\"Microsoft.ML.DnnImageFeaturizer.ResNet18\" Version=\"0.24.0\" />");
        StringAssert.Contains(error.Message, empty);
    }

    [TestMethod]
    public void ThePackageIsFoundInTheOutputFolderOrTheGlobalPackagesFolder()
    {
        Assert.AreEqual(PackageFiles.Model, DnnImageFeaturizerPackage.Locate(AppContext.BaseDirectory, null).Model);
        var packages = DnnImageFeaturizerPackage.GlobalPackagesFolder();
        Assert.IsNotNull(packages);
        var (model, preprocess) = DnnImageFeaturizerPackage.Locate(PackageFiles.EmptyFolder(), packages);
        StringAssert.Contains(model, Path.Combine("microsoft.ml.dnnimagefeaturizer.resnet18", "0.24.0"));
        Assert.IsTrue(File.Exists(preprocess));
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void TruncatedFileIsRefusedAndNothingIsLoaded()
        => AssertRefused<InvalidDataException>(PackageFiles.DamagedCopy(bytes => bytes[..(bytes.Length / 2)]), "resnet18_mlnet", "truncated or corrupt");

    [TestMethod]
    [TestCategory("Slow")]
    public void CorruptedFileIsRefusedAndNothingIsLoaded()
        => AssertRefused<InvalidDataException>(PackageFiles.DamagedCopy(bytes =>
        {
            Array.Fill(bytes, (byte)0xFF, 0, 64); // no valid protobuf field starts there
            return bytes;
        }), "resnet18_mlnet", "truncated or corrupt");

    [TestMethod]
    public void FileThatIsNotOnnxIsRefused()
    {
        var path = Path.Combine(PackageFiles.EmptyFolder(), "ResNet18.onnx");
        File.WriteAllText(path, "not a model");
        AssertRefused<InvalidDataException>(path, "resnet18_mlnet", path);
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void StockResnet18CannotHoldTheCntkLayout()
    {
        var error = AssertRefused<StateDictMismatchException>(PackageFiles.Model, "resnet18", "layer4.2");
        Assert.IsTrue(error.Unexpected.All(k => k.StartsWith("layer4.2.", StringComparison.Ordinal)), string.Join(", ", error.Unexpected));
        Assert.HasCount(10, error.Unexpected); // conv1, bn1 (4), conv2, bn2 (4)
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void WrongShapeIsRefused()
    {
        var error = AssertRefused<StateDictMismatchException>(PackageFiles.Model, "resnet18_mlnet", "conv1.weight", new ModelOptions { InChannels = 1 });
        Assert.AreEqual("conv1.weight", error.ShapeMismatches.Single().Key);
    }

    [TestMethod]
    public void MissingPreprocessFileIsRefusedBeforeAnyModelIsBuilt()
        => Assert.ThrowsExactly<FileNotFoundException>(() => MlNetResNet18.LoadFrom(PackageFiles.Model, Path.Combine(PackageFiles.EmptyFolder(), "ResNetPreprocess.onnx")));

    private static TException AssertRefused<TException>(string path, string architecture, string messagePart, ModelOptions? options = null)
        where TException : Exception
    {
        using var model = ModelZoo.Create(architecture, options);
        using var before = new ModelSnapshot(model);
        var error = Assert.ThrowsExactly<TException>(() => MlNetResNet18.LoadInto(model, path));
        StringAssert.Contains(error.Message, messagePart);
        before.AssertUnchanged(model);
        return error;
    }
}
