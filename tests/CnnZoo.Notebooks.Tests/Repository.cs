using System.Diagnostics;

namespace CnnZoo.Notebooks.Tests;

/// <summary>Paths of the repository and child processes run from it.</summary>
internal static class Repository
{
    /// <summary>The folder holding CnnZoo.MLNet.sln, above the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>samples/Notebooks.</summary>
    public static string NotebooksFolder => Path.Combine(Root, "samples", "Notebooks");

    /// <summary>artifacts/notebooks: the executed copies (with outputs) of the test run.</summary>
    public static string OutputFolder => Path.Combine(Root, "artifacts", "notebooks");

    /// <summary>The configuration the tests were built in (…/bin/&lt;Configuration&gt;/&lt;tfm&gt;/); the packages are packed from it.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>Runs a program to completion (or kills it at <paramref name="timeout"/>) and returns its exit code and output.</summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // The test host may run under `dotnet test`, whose MSBuild variables must not steer the inner pack or restore.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        if (environment is not null)
            foreach (var (key, value) in environment) info.Environment[key] = value;

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExit(timeout);
        if (!exited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return new ProcessResult(exited ? process.ExitCode : null, stdout.Result, stderr.Result, stopwatch.Elapsed);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CnnZoo.MLNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No CnnZoo.MLNet.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>What a child process did; <see cref="ExitCode"/> is null when it was killed at its time limit.</summary>
internal sealed record ProcessResult(int? ExitCode, string Out, string Err, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {(ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (timed out)")} after {Elapsed.TotalSeconds:0.0} s\n--- out ---\n{Out}\n--- err ---\n{Err}";
}
