using CnnZoo.Benchmarks.Commands;

namespace CnnZoo.Benchmarks;

/// <summary>The benchmark program's sub-commands, run with the <c>cnnzoo</c> tool's parsing, error handling and exit codes (<see cref="CliApp"/>).</summary>
public static class BenchmarkCommands
{
    /// <summary>Every benchmark command, in the order <c>--help</c> lists them.</summary>
    public static IReadOnlyList<ICliCommand> All { get; } = [new BenchCommand(), new BenchMlNetCommand(), new BenchOnnxCommand(), new BenchTransferCommand(), new BenchPeerCommand()];
}
