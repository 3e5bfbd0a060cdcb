namespace CnnZoo.Cli.Tests;

[TestClass]
public sealed class HelpAndErrorTests
{
    [TestMethod]
    public void EveryCommandHasHelp()
    {
        foreach (var command in CliApp.CreateRootCommand(CliContext.ForWriters(TextWriter.Null, TextWriter.Null)).Subcommands.Where(c => !c.Hidden).Select(c => c.Name).Prepend(""))
        {
            var run = CliRun.Of(command.Length == 0 ? ["--help"] : [command, "--help"]);
            Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
            StringAssert.Contains(run.Out, "Usage:");
            StringAssert.Contains(run.Out, "--verbose");
        }
    }

    [TestMethod]
    public void RootHelpListsTheCommands()
    {
        var run = CliRun.Of("--help");
        foreach (var name in new[] { "list", "summary", "train", "evaluate", "predict", "compare", "trial" }) StringAssert.Contains(run.Out, name);
        Assert.DoesNotContain("bench", run.Out, "the benchmarks are not part of the tool, so help does not list them");
    }

    [TestMethod]
    public void BenchCommandsPointToTheBenchmarkProject()
    {
        foreach (var args in new[] { new[] { "bench" }, ["bench-mlnet", "--models", "lenet5", "--strict"] })
        {
            var run = CliRun.Of(args);

            Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
            Assert.AreEqual(1, run.ErrLines.Length, run.ToString());
            StringAssert.Contains(run.Err, "bench/CnnZoo.Benchmarks");
            StringAssert.Contains(run.Err, $"./cnnzoo {args[0]}");
        }
    }

    [TestMethod]
    public void UnknownCommandIsOneLineAndExitCode2()
    {
        var run = CliRun.Of("frobnicate");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.AreEqual(1, run.ErrLines.Length, run.ToString());
        StringAssert.Contains(run.Err, "frobnicate");
    }

    [TestMethod]
    public void CleanMessageDropsTheParameterSuffix()
    {
        var ex = new ArgumentOutOfRangeException("options", 0, "ModelOptions.NumClasses must be at least 1.");
        Assert.AreEqual("ModelOptions.NumClasses must be at least 1.", CliUsageException.CleanMessage(ex));
    }
}
