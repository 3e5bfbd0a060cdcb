namespace CnnZoo.Cli.Commands;

/// <summary>
/// A hidden stand-in for a benchmark command (<c>bench</c>, <c>bench-mlnet</c>) that is not part of the installed tool:
/// whatever arguments follow, it says that the benchmarks live in the repository's <c>bench/CnnZoo.Benchmarks</c> and
/// exits with <see cref="ExitCodes.Usage"/>, instead of a bare "unknown command".
/// </summary>
public sealed class BenchmarksElsewhereCommand(string name) : ICliCommand
{
    /// <summary>The command's name, e.g. <c>bench</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The one-line explanation shown as the error and in the command's help.</summary>
    public string Explanation
        => $"'cnnzoo {Name}' is not part of the installed tool: the benchmarks live in the repository's bench/CnnZoo.Benchmarks; run `./cnnzoo {Name}` from a checkout.";

    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command(Name, Explanation) { Hidden = true, TreatUnmatchedTokensAsErrors = false };
        command.SetAction(int (_) => throw new CliUsageException(Explanation));
        return command;
    }
}
