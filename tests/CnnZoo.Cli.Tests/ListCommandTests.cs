using CnnZoo.Architectures;

namespace CnnZoo.Cli.Tests;

[TestClass]
public sealed class ListCommandTests
{
    [TestMethod]
    [TestCategory("Slow")]
    public void ListShowsEveryRegisteredNameWithExactParameterCounts()
    {
        // --no-macs: parameters still come from building every model; the MAC forward passes are covered below on a small family.
        var run = CliRun.Of("list", "--no-macs");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        foreach (var name in ModelZoo.Names)
            Assert.IsTrue(run.OutLines.Any(l => l.Contains($" {name} ", StringComparison.Ordinal)), $"'{name}' missing:\n{run}");
        var resnet50 = run.OutLines.Single(l => l.Contains(" resnet50 ", StringComparison.Ordinal));
        StringAssert.Contains(resnet50, "25,557,032");
        StringAssert.Contains(resnet50, "3x224x224");
        StringAssert.Contains(resnet50, "2015");
        Assert.AreEqual("", run.Err);
    }

    [TestMethod]
    public void ListMeasuresGmacsAtTheCanonicalInput()
    {
        var run = CliRun.Of("list", "--family", "lenet");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var lenet = run.OutLines.Single(l => l.Contains(" lenet5 ", StringComparison.Ordinal));
        StringAssert.Contains(lenet, "61,706");
        StringAssert.Contains(lenet, "0.00042"); // 416,520 MACs
        StringAssert.Contains(lenet, "1x32x32");
        Assert.IsFalse(run.Out.Contains("resnet50", StringComparison.Ordinal), run.ToString());
    }

    [TestMethod]
    public void ListAsCsvHasAHeaderAndPlainNumbers()
    {
        var run = CliRun.Of("list", "--family", "lenet", "--format", "csv");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        Assert.AreEqual("name,family,year,params,GMACs,input,reported error", run.OutLines[0]);
        Assert.IsTrue(run.OutLines.Any(l => l.StartsWith("lenet5,LeNet-5,1998,61706,", StringComparison.Ordinal)), run.ToString());
    }

    [TestMethod]
    public void UnknownFamilyIsAUsageError()
    {
        var run = CliRun.Of("list", "--family", "transformer");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.AreEqual(1, run.ErrLines.Length, run.ToString());
    }
}
