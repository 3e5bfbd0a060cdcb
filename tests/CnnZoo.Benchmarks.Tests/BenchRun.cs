using CnnZoo.Cli.Tests;

namespace CnnZoo.Benchmarks.Tests;

/// <summary>Runs the benchmark program's commands in-process (<see cref="BenchmarkCommands.All"/>) and captures what they wrote.</summary>
internal static class BenchRun
{
    public static CliRun Of(params string[] args) => CliRun.With(BenchmarkCommands.All, args);
}
