using System.Diagnostics;

namespace CnnZoo.Cli.Tests;

/// <summary>
/// CnnZoo.MLNet in an app that also references Microsoft.ML.TorchSharp 0.23.1: tests/CnnZoo.Coexistence (kept out of
/// the solution so the main build never restores Microsoft.ML.TorchSharp) must restore, build, train LeNet-5 with
/// CnnZoo's trainer and score above chance.
/// </summary>
[TestCategory("Slow")]
[TestClass]
public sealed class CoexistenceTests
{
    [TestMethod]
    public void AppReferencingMicrosoftMlTorchSharpRestoresBuildsAndTrains()
    {
        var root = RepositoryRoot();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        foreach (var arg in new[] { "run", "--project", Path.Combine(root, "tests", "CnnZoo.Coexistence"), "-c", Configuration() })
            info.ArgumentList.Add(arg);
        // The test host may run under `dotnet test`, whose MSBuild variables must not steer the inner build.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(6)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet run of the coexistence app timed out.\n{stdout.Result}\n{stderr.Result}");
        }
        var output = stdout.Result;
        var report = $"exit {process.ExitCode}\n--- out ---\n{output}\n--- err ---\n{stderr.Result}";

        Assert.AreEqual(0, process.ExitCode, report);
        StringAssert.Contains(output, "Microsoft.ML.TorchSharp: 0.23.1", report);
        StringAssert.Contains(output, "TorchSharp loaded: 0.107.0", report);
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"CnnZoo lenet5: trained 1 epoch on 1000 images, accuracy \d\.\d{3}"), report);
    }

    /// <summary>The folder holding CnnZoo.MLNet.sln, above the test's output folder.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CnnZoo.MLNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No CnnZoo.MLNet.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The configuration the tests were built in (…/bin/&lt;Configuration&gt;/&lt;tfm&gt;/), so the inner build reuses its outputs.</summary>
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
