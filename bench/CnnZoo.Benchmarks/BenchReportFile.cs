using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CnnZoo.Cli.Rendering;
using static CnnZoo.Benchmarks.ReportFile;

namespace CnnZoo.Benchmarks;

/// <summary>Writes a <see cref="BenchReport"/> to a file: CSV when the path ends in <c>.csv</c>, JSON otherwise.</summary>
public static class BenchReportFile
{
    /// <summary>Writes the report; returns the format written ("csv" or "json").</summary>
    public static string Write(BenchReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ReportFile.Write(path, () => ToCsv(report), () => ToJson(report));
    }

    /// <summary>The report as JSON: settings, threads, per-model checks and per-mode results with ratio and raw times.</summary>
    public static string ToJson(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var payload = new
        {
            tool = "cnnzoo bench",
            createdUtc = DateTime.UtcNow,
            machine = new { Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription },
            settings = report.Settings,
            report.Threads,
            checks = report.Checks.Select(c => new { c.Model, c.CnnZooParameters, c.TorchVisionParameters, c.SameParameterCount, c.WeightsCopied, c.MaxAbsLogitDifference, c.Note }),
            results = report.Results.Select(r => new
            {
                r.Model, r.Mode, r.Batch, r.InputSize, r.Iterations, r.Ratio, r.RoundRatioMedian, r.RatioMin, r.RatioMax, r.MeetsTarget,
                r.CnnZoo, r.TorchVision, r.CnnZooMs, r.TorchVisionMs,
            }),
        };
        return JsonSerializer.Serialize(payload, ReportFile.Json);
    }

    /// <summary>The results as CSV, one row per model and mode.</summary>
    public static string ToCsv(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append("model,mode,batch,input_size,iterations,threads,cnnzoo_params,torchvision_params,")
          .Append("cnnzoo_median_ms,cnnzoo_min_ms,cnnzoo_max_ms,cnnzoo_images_per_s,")
          .Append("torchvision_median_ms,torchvision_min_ms,torchvision_max_ms,torchvision_images_per_s,ratio,round_ratio_median,round_ratio_min,round_ratio_max\n");
        foreach (var r in report.Results)
        {
            var check = report.Checks.First(c => c.Model == r.Model);
            string[] cells =
            [
                r.Model, r.Mode.ToString().ToLowerInvariant(), I(r.Batch), I(r.InputSize), I(r.Iterations), I(report.Threads),
                I(check.CnnZooParameters), I(check.TorchVisionParameters),
                F(r.CnnZoo.MedianMs), F(r.CnnZoo.MinMs), F(r.CnnZoo.MaxMs), F(r.CnnZoo.ImagesPerSecond),
                F(r.TorchVision.MedianMs), F(r.TorchVision.MinMs), F(r.TorchVision.MaxMs), F(r.TorchVision.ImagesPerSecond),
                F(r.Ratio), F(r.RoundRatioMedian), F(r.RatioMin), F(r.RatioMax),
            ];
            sb.Append(string.Join(",", cells.Select(TabularWriter.Csv))).Append('\n');
        }
        return sb.ToString();
    }
}
