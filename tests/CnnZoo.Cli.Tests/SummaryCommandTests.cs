using CnnZoo.Architectures;

namespace CnnZoo.Cli.Tests;

[TestClass]
public sealed class SummaryCommandTests
{
    [TestMethod]
    public void AlexNet2012ShowsTheFirstConvRowAndTheTotal()
    {
        var run = CliRun.Of("summary", "alexnet_2012");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var conv1 = run.OutLines.First(l => l.Contains("features.0", StringComparison.Ordinal));
        StringAssert.Contains(conv1, "Conv2d");
        StringAssert.Contains(conv1, "55x55x96");
        StringAssert.Contains(conv1, "34,848");
        StringAssert.Contains(conv1, "105,415,200");
        var total = run.OutLines.Single(l => l.StartsWith("trainable parameters", StringComparison.Ordinal));
        StringAssert.Contains(total, "62,378,344");
        StringAssert.Contains(run.Out, "1,135,256,096");
    }

    [TestMethod]
    public void OptionsChangeTheBuiltModel()
    {
        var run = CliRun.Of("summary", "resnet18", "--input-size", "64", "--in-channels", "1", "--num-classes", "10", "--compact", "--format", "csv");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.AreEqual("layer,type,output,activations,weights,biases,MACs", run.OutLines[0]);
        Assert.IsTrue(run.OutLines.Any(l => l.StartsWith("conv1,Conv2d,32x32x64,", StringComparison.Ordinal)), run.ToString());
        Assert.IsTrue(run.OutLines.Any(l => l.StartsWith("fc,Linear,10,", StringComparison.Ordinal)), run.ToString());
        Assert.IsFalse(run.Out.Contains("ReLU", StringComparison.Ordinal), "--compact drops activation rows");
    }

    [TestMethod]
    public void GoogLeNetAuxAddsTheAuxiliaryHeads()
    {
        var run = CliRun.Of("summary", "googlenet", "--aux", "--input-size", "96", "--format", "markdown");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "aux1");
        StringAssert.Contains(run.Out, "trainable parameters 13,004,888");
    }

    [TestMethod]
    public void UnknownModelIsOneLineListingKnownNamesAndExitCode2()
    {
        var run = CliRun.Of("summary", "nosuchnet");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.AreEqual("", run.Out);
        Assert.AreEqual(1, run.ErrLines.Length, run.ToString());
        StringAssert.Contains(run.Err, "nosuchnet");
        foreach (var name in ModelZoo.Names) StringAssert.Contains(run.Err, name);
    }

    [TestMethod]
    public void InvalidOptionsAreUsageErrors()
    {
        foreach (var args in new[]
        {
            new[] { "summary", "resnet18", "--aux" },
            ["summary", "vgg16", "--num-classes", "0"],
            ["summary", "resnet18", "--input-size", "abc"],
            ["summary"],
            ["summary", "resnet18", "--bogus"],
        })
        {
            var run = CliRun.Of(args);
            Assert.AreEqual(ExitCodes.Usage, run.ExitCode, $"{string.Join(' ', args)}: {run}");
            Assert.AreEqual(1, run.ErrLines.Length, $"{string.Join(' ', args)}: {run}");
            Assert.IsFalse(run.Err.Contains("   at ", StringComparison.Ordinal), "no stack trace without --verbose");
        }
    }
}
