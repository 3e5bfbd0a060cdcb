using System.Text.RegularExpressions;

namespace CnnZoo.Benchmarks.Tests;

[TestClass]
public sealed class BenchMlNetCommandTests
{
    [TestMethod]
    [TestCategory("Slow")]
    public void TinyBenchMlNetPrintsEveryRatioWithItsTarget()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cnnzoo-bench-mlnet-{Guid.NewGuid():N}.csv");
        try
        {
            var run = BenchRun.Of("bench-mlnet", "--rows", "256", "--synthetic-rows", "32", "--warmup", "1", "--settle-seconds", "0.5", "--rounds", "1",
                "--score-rows", "64", "--score-rounds", "1", "--predictions", "3", "--memory-epochs", "2", "--memory-rows", "128", "--out", path);

            Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
            foreach (var (kind, model, target) in new[] { ("train", "lenet5", "0.95"), ("score", "lenet5", "0.90"), ("train", "resnet18", "0.95"), ("score", "resnet18", "0.90") })
            {
                var line = run.OutLines.Single(l => l.StartsWith($"ratio {kind} {model} ", StringComparison.Ordinal));
                StringAssert.Matches(line, new Regex($@": \d+\.\d{{3}} \(.* after [1-9]\d* warm-up rounds, .*\), target >= {Regex.Escape(target)}: (PASS|BELOW)$"), line);
            }
            StringAssert.Matches(run.OutLines.Single(l => l.StartsWith("growth memory lenet5 epochs 2-2:", StringComparison.Ordinal)), new Regex(@"target < 2%: (PASS|BELOW)$"));
            Assert.AreEqual(2, run.OutLines.Count(l => l.StartsWith("latency predict ", StringComparison.Ordinal) && l.Contains("PredictionEngine median", StringComparison.Ordinal)), run.ToString());
            StringAssert.Contains(run.Out, "peak RSS", run.ToString());

            var csv = File.ReadAllLines(path);
            Assert.AreEqual("measure,model,input,batch,a,a_value,a_unit,b,b_value,b_unit,ratio,target,result", csv[0]);
            Assert.AreEqual(1 + 4 + 2 + 1, csv.Length, string.Join('\n', csv));
            StringAssert.StartsWith(csv[1], "train,lenet5,1x28x28,128,");
            StringAssert.StartsWith(csv[^1], "memory,lenet5,1x28x28,128,");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void BadBenchMlNetArgumentsAreUsageErrors()
    {
        foreach (var args in new[]
        {
            new[] { "bench-mlnet", "--models", "nosuchnet" },
            ["bench-mlnet", "--parts", "sideways"],
            ["bench-mlnet", "--rounds", "0"],
            ["bench-mlnet", "--settle-seconds", "-1"],
            ["bench-mlnet", "--memory-epochs", "1"],
            ["bench-mlnet", "--scoring-batch", "0"],
        })
        {
            var run = BenchRun.Of(args);
            Assert.AreEqual(ExitCodes.Usage, run.ExitCode, $"{string.Join(' ', args)}: {run}");
            Assert.AreEqual(1, run.ErrLines.Length, $"{string.Join(' ', args)}: {run}");
        }
    }
}
