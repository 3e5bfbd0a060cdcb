using System.Diagnostics;
using System.Globalization;
using CnnZoo.Cli.Katib;

namespace CnnZoo.Cli.Tests.Katib;

/// <summary>
/// A preempted trial: <c>cnnzoo trial</c> killed in its own process after epoch 1 of 2, then the same command again. It
/// must resume from the run directory's checkpoint at epoch 2 and end with the metrics of a run never interrupted.
/// </summary>
[TestClass]
[TestCategory("Slow")]
public sealed class TrialResumeTests
{
    [TestMethod]
    public void KilledTrialResumesFromItsCheckpointAndEndsAsAnUninterruptedOne()
    {
        using var folder = new TempFolder();
        string[] Trial(string runs) => ["trial", "--model", "lenet5", "--lr", "0.05", "--epochs", "2", "--max-epochs", "2", "--rows", "3000", "--seed", "4", "--runs", runs, "--trial-name", "t-1"];

        var killedAfter = KillAfterFirstEpoch(Trial(folder.Sub("runs")));
        StringAssert.Contains(killedAfter, "epoch=1");
        var resumed = CliRun.Of(Trial(folder.Sub("runs")));
        Assert.AreEqual(ExitCodes.Success, resumed.ExitCode, resumed.ToString());
        StringAssert.Contains(resumed.Err, "resumed after epoch 1", resumed.ToString());
        var resumedEpochs = KatibFixtures.ParseMetrics(resumed.Out, [KatibNames.Epoch]).Select(m => m.Value).ToList();
        CollectionAssert.AreEqual(new[] { "2" }, resumedEpochs, "only epoch 2 is trained again");

        var whole = CliRun.Of(Trial(folder.Sub("uninterrupted")));
        Assert.AreEqual(ExitCodes.Success, whole.ExitCode, whole.ToString());
        string[] final = [KatibNames.ValidationAccuracy, KatibNames.LogLoss];
        var resumedFinal = KatibFixtures.ParseMetrics(resumed.Out, final).TakeLast(2).ToList();
        var wholeFinal = KatibFixtures.ParseMetrics(whole.Out, final).TakeLast(2).ToList();
        CollectionAssert.AreEqual(wholeFinal, resumedFinal, $"resumed:\n{resumed.Out}\nuninterrupted:\n{whole.Out}");

        // Both runs left a record and a model beside the checkpoints; a third call reports the record without training.
        var directory = TrialRunDirectory.All(folder.Sub("runs")).Single();
        StringAssert.EndsWith(directory, "2-of-2-epochs-t-1");
        Assert.IsTrue(File.Exists(Path.Combine(directory, TrialRunDirectory.ModelFileName)), directory);
        var record = TrialRecord.ReadFrom(directory)!;
        Assert.AreEqual(1, record.Training.ResumedFromEpoch);
        Assert.AreEqual(2, record.Training.History.Count, "the learning curve holds both epochs");
        var again = CliRun.Of(Trial(folder.Sub("runs")));
        Assert.AreEqual(ExitCodes.Success, again.ExitCode, again.ToString());
        Assert.AreEqual(0, KatibFixtures.ParseMetrics(again.Out, [KatibNames.Epoch]).Count, again.ToString());
        CollectionAssert.AreEqual(wholeFinal, KatibFixtures.ParseMetrics(again.Out, final).ToList());
    }

    // The tool in its own process, killed as a preempted pod is (no chance to clean up) once epoch 1 is reported.
    private static string KillAfterFirstEpoch(string[] arguments)
    {
        var tool = typeof(CliApp).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(tool);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var seen = new System.Text.StringBuilder();
        var deadline = Stopwatch.StartNew();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            seen.AppendLine(line);
            if (line.Contains(" epoch=1 ", StringComparison.Ordinal))
            {
                process.Kill(entireProcessTree: true);
                break;
            }
            if (deadline.Elapsed > TimeSpan.FromMinutes(3)) break;
        }
        if (!process.WaitForExit(TimeSpan.FromSeconds(30))) process.Kill(entireProcessTree: true);
        Assert.IsTrue(seen.ToString().Contains("epoch=1", StringComparison.Ordinal), $"the worker never reported epoch 1:\n{seen}\n{error.Result}");
        Assert.IsFalse(seen.ToString().Contains(KatibNames.LogLoss, StringComparison.Ordinal), $"killed too late: the trial had finished\n{seen}");
        return seen.ToString();
    }
}
