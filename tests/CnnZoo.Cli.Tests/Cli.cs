using CnnZoo.Cli;

namespace CnnZoo.Cli.Tests;

/// <summary>Runs the CLI in-process and captures what it wrote (also linked into tests/CnnZoo.Benchmarks.Tests).</summary>
internal sealed record CliRun(int ExitCode, string Out, string Err)
{
    /// <summary>Runs the <c>cnnzoo</c> tool's commands.</summary>
    public static CliRun Of(params string[] args) => With(CliApp.Commands, args);

    /// <summary>Runs another set of commands (the benchmark program's) with the tool's parsing and error handling.</summary>
    public static CliRun With(IReadOnlyList<ICliCommand> commands, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, CliContext.ForWriters(output, error), commands);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- out ---\n{Out}\n--- err ---\n{Err}";
}
