using System.Globalization;
using CnnZoo.Cli.Rendering;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>The results of <c>cnnzoo bench-mlnet</c> as text: the table and one summary line per measurement.</summary>
public static class MlNetBenchText
{
    /// <summary>PASS or BELOW.</summary>
    public static string Verdict(bool passes) => passes ? "PASS" : "BELOW";

    /// <summary>
    /// One line per measured ratio: <c>ratio train lenet5 1x28x28 batch 128: 0.973 (CnnZoo trainer … img/s vs … img/s; …), target &gt;= 0.95: PASS</c>.
    /// </summary>
    public static string Describe(RatioResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Inv($"ratio {r.Kind} {r.Model} {r.Input} batch {r.Batch}: {r.Ratio:0.000} ({r.LabelA} {r.A.ImagesPerSecond:0.0} img/s vs {r.LabelB} {r.B.ImagesPerSecond:0.0} img/s; ") +
               Inv($"median of {r.MillisecondsA.Count} interleaved rounds of {r.ImagesPerRound} images after {r.WarmupRounds} warm-up rounds, per-round ratio median {r.RoundRatioMedian:0.000}), target >= {r.Target:0.00}: {Verdict(r.Passes)}");
    }

    /// <summary>One line on the memory run: growth of the resident set from epoch 2 to the last epoch.</summary>
    public static string Describe(MemoryFlatnessResult m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return Inv($"growth memory {m.Model} epochs {MemoryFlatnessResult.BaselineEpoch}-{m.Epochs.Count}: {m.Growth * 100:+0.00;-0.00}% (RSS {MemorySnapshot.MiB(m.BaselineBytes):0.0} -> {MemorySnapshot.MiB(m.FinalBytes):0.0} MiB after GC and malloc_trim, ") +
               Inv($"{MemorySnapshot.MiB(m.Epochs[MemoryFlatnessResult.BaselineEpoch - 1].UntrimmedWorkingSetBytes):0.0} -> {MemorySnapshot.MiB(m.Epochs[^1].UntrimmedWorkingSetBytes):0.0} MiB untrimmed; ") +
               Inv($"live tensors {m.TensorGrowth:+0;-0;0}; {m.Rows} rows, batch {m.Batch}), target < {MemoryFlatnessResult.TargetGrowth * 100:0}%: {Verdict(m.Passes)}");
    }

    /// <summary>One line on a PredictionEngine latency.</summary>
    public static string Describe(LatencyResult l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return Inv($"latency predict {l.Model} {l.Input}: PredictionEngine median {l.MedianMs:0.000} ms, p95 {l.P95Ms:0.000} ms, mean {l.MeanMs:0.000} ms over {l.Predictions} predictions ") +
               Inv($"(raw one-image forward median {l.RawMedianMs:0.000} ms, p95 {l.RawP95Ms:0.000} ms)");
    }

    /// <summary>One line on a memory snapshot.</summary>
    public static string Describe(MemorySnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Inv($"memory {s.Label}: RSS {MemorySnapshot.MiB(s.WorkingSetBytes):0.0} MiB, peak RSS {MemorySnapshot.MiB(s.PeakWorkingSetBytes):0.0} MiB, managed heap {MemorySnapshot.MiB(s.ManagedBytes):0.0} MiB ") +
               Inv($"(GC committed {MemorySnapshot.MiB(s.GcCommittedBytes):0.0} MiB, {s.Gen2Collections} gen-2 collections)");
    }

    /// <summary>The summary lines of a report: every ratio, the memory growth, the latencies and the last snapshot (peak memory).</summary>
    public static IEnumerable<string> SummaryLines(MlNetBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var r in report.Ratios) yield return Describe(r);
        if (report.Memory is { } memory) yield return Describe(memory);
        foreach (var l in report.Latencies) yield return Describe(l);
        yield return Describe(report.Snapshots[^1]);
    }

    /// <summary>The table: one row per ratio, latency and the memory run.</summary>
    public static TabularData ToTable(MlNetBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new TabularData(
            new TabularColumn("measure"), new TabularColumn("model"), new TabularColumn("input"), new TabularColumn("batch", true),
            new TabularColumn("CnnZoo / ML.NET"), new TabularColumn("baseline"), new TabularColumn("ratio", true),
            new TabularColumn("target"), new TabularColumn("result"));
        foreach (var r in report.Ratios)
        {
            table.AddRow(r.Kind, r.Model, r.Input, I(r.Batch), Inv($"{r.A.ImagesPerSecond:0.0} img/s"), Inv($"{r.B.ImagesPerSecond:0.0} img/s"),
                Inv($"{r.Ratio:0.000}"), Inv($">= {r.Target:0.00}"), Verdict(r.Passes));
        }
        foreach (var l in report.Latencies)
        {
            table.AddRow("predict", l.Model, l.Input, "1", Inv($"median {l.MedianMs:0.000} ms, p95 {l.P95Ms:0.000} ms"),
                Inv($"raw median {l.RawMedianMs:0.000} ms"), "", "", "");
        }
        if (report.Memory is { } m)
        {
            table.AddRow("memory", m.Model, "1x28x28", I(m.Batch), Inv($"RSS epoch {m.Epochs.Count} {MemorySnapshot.MiB(m.FinalBytes):0.0} MiB"),
                Inv($"RSS epoch {MemoryFlatnessResult.BaselineEpoch} {MemorySnapshot.MiB(m.BaselineBytes):0.0} MiB"), Inv($"{m.Growth * 100:+0.00;-0.00}%"),
                Inv($"< {MemoryFlatnessResult.TargetGrowth * 100:0}% growth"), Verdict(m.Passes));
        }
        var last = report.Snapshots[^1];
        table.Title = "cnnzoo bench-mlnet: the ML.NET trainer and transformer against hand-written TorchSharp, same process, interleaved";
        table.Footer.Add("train: images/s of whole epochs (median of the timed rounds); the trainer's epoch includes shuffling, prefetching, the loss check and accuracy, the hand-written loop's does not.");
        table.Footer.Add("score: rows/s of transformer.Transform read through a cursor vs the same module called directly on an in-memory tensor (normalise, forward, softmax, copy out).");
        table.Footer.Add(Inv($"peak RSS {MemorySnapshot.MiB(last.PeakWorkingSetBytes):0.0} MiB; at the end RSS {MemorySnapshot.MiB(last.WorkingSetBytes):0.0} MiB, managed heap {MemorySnapshot.MiB(last.ManagedBytes):0.0} MiB."));
        return table;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
