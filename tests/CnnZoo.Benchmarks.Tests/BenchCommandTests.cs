namespace CnnZoo.Benchmarks.Tests;

[TestClass]
public sealed class BenchCommandTests
{
    [TestMethod]
    [TestCategory("Slow")]
    public void TinyBenchReportsARatioForBothModes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnnzoo-bench-{Guid.NewGuid():N}.csv");
        try
        {
            var run = BenchRun.Of("bench", "--models", "resnet18", "--batch", "2", "--input-size", "32", "--iterations", "2", "--warmup", "1", "--mode", "both", "--out", path);

            Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
            StringAssert.Contains(run.Out, "parameters CnnZoo 11,689,512 = TorchVision 11,689,512");
            foreach (var mode in new[] { "forward", "train" })
            {
                var line = run.OutLines.Single(l => l.StartsWith($"resnet18 {mode}:", StringComparison.Ordinal));
                StringAssert.Matches(line, new System.Text.RegularExpressions.Regex(@"ratio \d+\.\d{3} over 2 rounds"));
                var row = run.OutLines.Single(l => l.Contains(" resnet18 ", StringComparison.Ordinal) && l.Contains($" {mode} ", StringComparison.Ordinal));
                StringAssert.Matches(row, new System.Text.RegularExpressions.Regex(@"\d+\.\d{3}"));
            }
            var csv = File.ReadAllLines(path);
            Assert.AreEqual(3, csv.Length, string.Join('\n', csv));
            StringAssert.StartsWith(csv[0], "model,mode,batch,input_size,iterations");
            StringAssert.StartsWith(csv[1], "resnet18,forward,2,32,2,");
            StringAssert.StartsWith(csv[2], "resnet18,train,2,32,2,");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void BadBenchArgumentsAreUsageErrors()
    {
        foreach (var args in new[]
        {
            new[] { "bench", "--models", "nosuchnet" },
            ["bench", "--models", "lenet5"],
            ["bench", "--models", "resnet18", "--batch", "0"],
            ["bench", "--models", "resnet18", "--mode", "sideways"],
        })
        {
            var run = BenchRun.Of(args);
            Assert.AreEqual(ExitCodes.Usage, run.ExitCode, $"{string.Join(' ', args)}: {run}");
            Assert.AreEqual(1, run.ErrLines.Length, $"{string.Join(' ', args)}: {run}");
        }
    }
}
