namespace CnnZoo.Benchmarks.Tests;

[TestClass]
public sealed class BenchOnnxCommandTests
{
    [TestMethod]
    public void TinyBenchReportsLatencyAndThroughputRatiosOfAnExportThatAgrees()
    {
        var run = BenchRun.Of("bench-onnx", "--models", "lenet5", "--batch", "4", "--iterations", "2", "--warmup", "1", "--threads", "1");
        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "libtorch (TorchSharp) vs ONNX Runtime 1.");
        var latency = run.OutLines.Single(l => l.StartsWith("lenet5 32px batch 1 latency:", StringComparison.Ordinal));
        var throughput = run.OutLines.Single(l => l.StartsWith("lenet5 32px batch 4 throughput:", StringComparison.Ordinal));
        foreach (var line in new[] { latency, throughput })
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, @"ratio (\d+\.\d{3}) over 2 rounds \(max \|diff\| (\S+)\)");
            Assert.IsTrue(match.Success, line);
            Assert.IsGreaterThan(0.0, double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), line);
            Assert.IsLessThan(1e-4, double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), $"the two runtimes agree: {line}");
        }
    }

    [TestMethod]
    public void AnUnknownModelOrBatchIsAUsageError()
    {
        foreach (var args in new[] { new[] { "bench-onnx", "--models", "nosuchnet" }, ["bench-onnx", "--models", "lenet5", "--batch", "0"] })
        {
            var run = BenchRun.Of(args);
            Assert.AreEqual(ExitCodes.Usage, run.ExitCode, $"{string.Join(' ', args)}: {run}");
        }
    }
}
