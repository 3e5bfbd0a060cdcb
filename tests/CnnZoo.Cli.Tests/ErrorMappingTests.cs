using System.CommandLine;
using CnnZoo.Architectures;

namespace CnnZoo.Cli.Tests;

/// <summary>How failures inside a command become one line and an exit code (with a command that throws on demand).</summary>
[TestClass]
public sealed class ErrorMappingTests
{
    private sealed class Throwing(Exception ex) : ICliCommand
    {
        public Command Create(CliContext context)
        {
            var command = new Command("boom", "Throws.");
            command.SetAction(new Func<ParseResult, int>(_ => throw ex));
            return command;
        }
    }

    private static CliRun RunThrowing(Exception ex, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, CliContext.ForWriters(output, error), [new Throwing(ex)]);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    [TestMethod]
    public void LibtorchLoadFailureShowsTheActionableMessageAndExits1()
    {
        var message = TorchRuntime.Explain(new DllNotFoundException("libtorch_cpu.so: cannot open shared object file"), null);
        var run = RunThrowing(new TorchRuntimeUnavailableException(message, new DllNotFoundException("x")), "boom");

        Assert.AreEqual(ExitCodes.Failure, run.ExitCode, run.ToString());
        Assert.AreEqual($"error: {message}", run.ErrLines.Single());
    }

    [TestMethod]
    public void RuntimeFailureIsOneLineWithoutStackTraceUnlessVerbose()
    {
        var quiet = RunThrowing(new InvalidOperationException("the model exploded"), "boom");
        Assert.AreEqual(ExitCodes.Failure, quiet.ExitCode, quiet.ToString());
        Assert.AreEqual("error: the model exploded", quiet.ErrLines.Single());

        var verbose = RunThrowing(new InvalidOperationException("the model exploded"), "boom", "--verbose");
        Assert.AreEqual(ExitCodes.Failure, verbose.ExitCode, verbose.ToString());
        Assert.AreEqual("error: the model exploded", verbose.ErrLines[0]);
        StringAssert.Contains(verbose.Err, "System.InvalidOperationException");
        StringAssert.Contains(verbose.Err, " at ");
    }

    [TestMethod]
    public void UsageExceptionExits2()
    {
        var run = RunThrowing(new CliUsageException("--batch must be at least 1; got 0."), "boom");

        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        Assert.AreEqual("error: --batch must be at least 1; got 0.", run.ErrLines.Single());
    }
}
