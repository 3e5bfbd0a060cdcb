using System.Globalization;
using CnnZoo.Benchmarks.Peer;

namespace CnnZoo.Benchmarks.Tests;

[TestClass]
public sealed class BenchPeerCommandTests
{
    [TestMethod]
    public void ATinyWorkloadIsMeasuredInThePeersProtocolAndWrittenAsItsJsonLine()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "workloads.json");
        File.WriteAllText(file, """
            {"max_measure_seconds": 25, "workloads": [
              {"name": "tiny", "model": "lenet5", "input": [1, 32, 32], "batch": 8, "classes": 10, "train_warmup": 2, "train_steps": 4, "infer_warmup": 1, "infer_steps": 3}]}
            """);
        var run = BenchRun.Of("bench-peer", "--workloads-file", file, "--threads", "1");
        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var record = PeerRecord.Parse(run.OutLines).Single();
        var measuredLayout = CnnZoo.Architectures.Inference.ChannelsLast.IsReliable ? "ChannelsLast" : "ChannelsFirst"; // lenet5's, unless NHWC failed its self-check
        Assert.AreEqual(("cnnzoo", "tiny", measuredLayout, 1), (record.Framework, record.Workload, record.Layout, record.Threads));
        Assert.AreEqual(4, record.TrainStepsTimed, "every timed step after the two warm-up steps");
        Assert.AreEqual(3, record.InferStepsTimed);
        Assert.IsGreaterThan(0.0, record.TrainImagesPerSecond);
        Assert.IsGreaterThan(0.0, record.InferImagesPerSecond);
        Assert.IsTrue(double.IsFinite(record.LossFirst) && double.IsFinite(record.LossLast) && record.LossFirst > 1, $"losses {record.LossFirst} → {record.LossLast}");
    }

    [TestMethod]
    public void CompareTakesMediansOverRoundsAndDividesByTheFasterPyTorchLayout()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "results.jsonl");
        string Line(string framework, double train, double infer) => string.Create(CultureInfo.InvariantCulture,
            $$"""{"framework": "{{framework}}", "kind": "workload", "workload": "resnet20_cifar", "train_img_s": {{train}}, "infer_img_s": {{infer}}}""");
        File.WriteAllLines(file,
        [
            """{"framework": "pytorch", "kind": "matmul", "workload": "matmul", "gflops_best": 100}""",
            Line("pytorch", 400, 1600), Line("pytorch_channels_last", 600, 1800), Line("cnnzoo", 630, 1900),
            Line("pytorch", 420, 1500), Line("pytorch_channels_last", 610, 1900), Line("cnnzoo", 640, 2000),
            Line("pytorch", 410, 1550), Line("pytorch_channels_last", 590, 1850), Line("cnnzoo", 500, 1950),
            // Python's json writes a diverged loss as a bare NaN; such a record is read, not refused.
            """{"framework": "pytorch", "kind": "workload", "workload": "googlenet", "train_img_s": 7.0, "infer_img_s": 60.0, "loss_first": NaN, "loss_last": -Infinity}""",
        ]);
        var records = PeerRecord.Parse(File.ReadLines(file));
        var googlenet = records.Single(r => r.Workload == "googlenet");
        Assert.IsTrue(double.IsNaN(googlenet.LossFirst) && double.IsNegativeInfinity(googlenet.LossLast), "bare NaN and -Infinity");
        var row = PeerComparison.Summarise(records).Single(r => r.Workload == "resnet20_cifar");
        Assert.AreEqual(3, row.Rounds);
        Assert.AreEqual((410.0, 600.0, 630.0), (row.Train.PyTorch, row.Train.PyTorchChannelsLast, row.Train.CnnZoo), "medians, the matmul line ignored");
        Assert.AreEqual(630.0 / 600.0, row.Train.Ratio, 1e-12, "CnnZoo ÷ the faster layout (channels-last)");
        Assert.AreEqual(1950.0 / 1850.0, row.Infer.Ratio, 1e-12);

        var run = BenchRun.Of("bench-peer", "--compare", file);
        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "| resnet20_cifar | 3 | 410 / 600 / 630 | 1.050 | 1550 / 1850 / 1950 | 1.054 |");
    }

    [TestMethod]
    public void BadFilesAndNamesAreUsageErrors()
    {
        using var folder = new TempDirectory();
        var broken = Path.Combine(folder.Path, "broken.jsonl");
        File.WriteAllLines(broken, ["""{"framework": "pytorch", "workload": "lenet5", "train_img_s": 1}""", "not json"]);
        var run = BenchRun.Of("bench-peer", "--compare", broken);
        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Err, "Line 2 is not a benchmark record");

        var workloads = Path.Combine(folder.Path, "workloads.json");
        File.WriteAllText(workloads, """{"workloads": [{"name": "tiny", "model": "lenet5", "input": [1, 32, 32], "batch": 8, "classes": 10, "train_steps": 3, "infer_steps": 3}]}""");
        run = BenchRun.Of("bench-peer", "--workloads-file", workloads, "--workloads", "nosuch");
        Assert.AreEqual(ExitCodes.Usage, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Err, "Unknown workload 'nosuch'. Known: tiny");
    }

    [TestMethod]
    public void PrintsTheAllocatorSettingsAsGlibcTunables()
    {
        var run = BenchRun.Of("bench-peer", "--print-glibc-tunables");
        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        var settings = run.Out.Trim().Split(':').Select(pair => pair.Split('=')).ToDictionary(kv => kv[0], kv => long.Parse(kv[1]));
        // What bench/peer/run-peer.sh --peer-keeps-freed-memory hands the PyTorch peer: the values NativeAllocator gives mallopt.
        Assert.AreEqual(int.MaxValue, settings["glibc.malloc.trim_threshold"]);
        Assert.AreEqual(64L << 20, settings["glibc.malloc.top_pad"]);
        Assert.AreEqual(32L << 20, settings["glibc.malloc.mmap_threshold"]);
        Assert.AreEqual(0L, settings["glibc.malloc.mmap_max"]);
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("cnnzoo-bench-peer-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
