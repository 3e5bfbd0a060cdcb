using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CnnZoo.Cli.Rendering;
using static CnnZoo.Benchmarks.ReportFile;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>Writes an <see cref="MlNetBenchReport"/> to a file: CSV when the path ends in <c>.csv</c>, JSON otherwise.</summary>
public static class MlNetBenchReportFile
{
    /// <summary>Writes the report; returns the format written ("csv" or "json").</summary>
    public static string Write(MlNetBenchReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ReportFile.Write(path, () => ToCsv(report), () => ToJson(report));
    }

    /// <summary>The whole report as JSON, raw round times and per-epoch memory included.</summary>
    public static string ToJson(MlNetBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var payload = new
        {
            tool = "cnnzoo bench-mlnet",
            createdUtc = DateTime.UtcNow,
            machine = new { Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription },
            settings = report.Settings,
            report.Threads,
            ratios = report.Ratios.Select(r => new
            {
                r.Kind, r.Model, r.Input, r.Batch, r.ImagesPerRound, r.LabelA, r.LabelB, r.Ratio, r.RoundRatioMedian, r.Target, r.Passes,
                r.WarmupRounds, r.A, r.B, r.MillisecondsA, r.MillisecondsB, r.Note,
            }),
            latencies = report.Latencies,
            memory = report.Memory is { } m ? new { m.Model, m.Rows, m.Batch, m.Growth, m.TensorGrowth, m.Passes, target = MemoryFlatnessResult.TargetGrowth, epochs = m.Epochs } : null,
            snapshots = report.Snapshots,
            report.AllPass,
        };
        return JsonSerializer.Serialize(payload, ReportFile.Json);
    }

    /// <summary>One CSV row per measurement: ratios, latencies and the memory growth.</summary>
    public static string ToCsv(MlNetBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder("measure,model,input,batch,a,a_value,a_unit,b,b_value,b_unit,ratio,target,result\n");
        void Row(params string[] cells) => sb.Append(string.Join(",", cells.Select(TabularWriter.Csv))).Append('\n');
        foreach (var r in report.Ratios)
            Row(r.Kind, r.Model, r.Input, I(r.Batch), r.LabelA, F(r.A.ImagesPerSecond), "images/s", r.LabelB, F(r.B.ImagesPerSecond), "images/s", F(r.Ratio), F(r.Target), MlNetBenchText.Verdict(r.Passes));
        foreach (var l in report.Latencies)
            Row("predict", l.Model, l.Input, "1", "PredictionEngine median", F(l.MedianMs), "ms", "raw forward median", F(l.RawMedianMs), "ms", "", "", "");
        if (report.Memory is { } m)
            Row("memory", m.Model, "1x28x28", I(m.Batch), $"RSS epoch {m.Epochs.Count}", F(MemorySnapshot.MiB(m.FinalBytes)), "MiB",
                $"RSS epoch {MemoryFlatnessResult.BaselineEpoch}", F(MemorySnapshot.MiB(m.BaselineBytes)), "MiB", F(m.Growth), F(MemoryFlatnessResult.TargetGrowth), MlNetBenchText.Verdict(m.Passes));
        return sb.ToString();
    }
}
