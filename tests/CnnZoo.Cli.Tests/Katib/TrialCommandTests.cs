namespace CnnZoo.Cli.Tests.Katib;

/// <summary><c>cnnzoo trial</c>'s argument checks: bad input is a usage error (exit code 2) that says what is wrong.</summary>
[TestClass]
public sealed class TrialCommandTests
{
    [TestMethod]
    public void BadTrialArgumentsAreUsageErrors()
    {
        var run = CliRun.Of("trial", "--model", "lenet5", "--epochs", "3", "--max-epochs", "2", "--runs", Path.GetTempPath());
        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Err, "--epochs must be between 1 and --max-epochs (2)");
        var unknown = CliRun.Of("trial", "--model", "lenet6", "--epochs", "1", "--runs", Path.GetTempPath());
        Assert.AreEqual(ExitCodes.Usage, unknown.ExitCode, unknown.ToString());
        var missing = CliRun.Of("trial", "--model", "lenet5", "--epochs", "1");
        Assert.AreEqual(ExitCodes.Usage, missing.ExitCode, missing.ToString());
    }
}
