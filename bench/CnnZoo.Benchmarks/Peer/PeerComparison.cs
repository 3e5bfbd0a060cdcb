using System.Globalization;
using System.Text;

namespace CnnZoo.Benchmarks.Peer;

/// <summary>
/// The ratios the issue asks for, from the JSON lines of several rounds: per workload the median images/s of each
/// framework, and CnnZoo ÷ the faster PyTorch layout for training and for inference.
/// </summary>
public static class PeerComparison
{
    /// <summary>The framework labels the script gives the peer's two runs and CnnZoo's.</summary>
    public const string PyTorch = "pytorch", PyTorchChannelsLast = "pytorch_channels_last", CnnZoo = "cnnzoo";

    /// <summary>One workload's medians and ratios; a framework without records has NaN.</summary>
    /// <param name="Workload">Workload name.</param>
    /// <param name="Rounds">Fewest records any framework has for it.</param>
    /// <param name="Train">Training medians.</param>
    /// <param name="Infer">Inference medians (batched <c>Transform</c> for CnnZoo).</param>
    /// <param name="Layout">CnnZoo's memory layout.</param>
    /// <param name="ForwardOnly">CnnZoo's eval forward alone (no ML.NET rows), median images/s; NaN when not measured.</param>
    /// <param name="FoldedForwardOnly">The same for the BatchNorm-folded copy.</param>
    public sealed record Row(string Workload, int Rounds, Phase Train, Phase Infer, string? Layout, double ForwardOnly = double.NaN, double FoldedForwardOnly = double.NaN);

    /// <summary>Median images/s of PyTorch NCHW, PyTorch channels-last and CnnZoo; ratio = CnnZoo ÷ the faster PyTorch.</summary>
    public sealed record Phase(double PyTorch, double PyTorchChannelsLast, double CnnZoo)
    {
        /// <summary>The faster of PyTorch's two layouts.</summary>
        public double FasterPyTorch => Math.Max(double.IsNaN(PyTorch) ? 0 : PyTorch, double.IsNaN(PyTorchChannelsLast) ? 0 : PyTorchChannelsLast);
        /// <summary>CnnZoo ÷ <see cref="FasterPyTorch"/>; NaN when either is missing.</summary>
        public double Ratio => FasterPyTorch > 0 && !double.IsNaN(CnnZoo) ? CnnZoo / FasterPyTorch : double.NaN;
    }

    /// <summary>Rows in the order workloads first appear in <paramref name="records"/>.</summary>
    public static IReadOnlyList<Row> Summarise(IReadOnlyList<PeerRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Select(r => r.Workload).Distinct().Select(workload =>
        {
            var of = records.Where(r => r.Workload == workload).ToList();
            double Median(string framework, Func<PeerRecord, double> value)
            {
                var values = of.Where(r => r.Framework == framework).Select(value).Order().ToList();
                return values.Count == 0 ? double.NaN : values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
            }
            Phase PhaseOf(Func<PeerRecord, double> value) => new(Median(PyTorch, value), Median(PyTorchChannelsLast, value), Median(CnnZoo, value));
            var rounds = of.GroupBy(r => r.Framework).Select(g => g.Count()).DefaultIfEmpty(0).Min();
            return new Row(workload, rounds, PhaseOf(r => r.TrainImagesPerSecond), PhaseOf(r => r.InferImagesPerSecond),
                of.LastOrDefault(r => r.Framework == CnnZoo)?.Layout,
                Median(CnnZoo, r => r.InferForwardImagesPerSecond ?? double.NaN), Median(CnnZoo, r => r.InferFoldedForwardImagesPerSecond ?? double.NaN));
        }).ToList();
    }

    /// <summary>A markdown table of <paramref name="rows"/>.</summary>
    public static string Table(IReadOnlyList<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.AppendLine("| workload | rounds | train img/s PyTorch NCHW / NHWC / CnnZoo | train ratio | infer img/s PyTorch NCHW / NHWC / CnnZoo | infer ratio | CnnZoo layout | CnnZoo forward alone / folded, img/s (÷ faster PyTorch) |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var row in rows)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Workload} | {row.Rounds} | {Rates(row.Train)} | {Ratio(row.Train)} | {Rates(row.Infer)} | {Ratio(row.Infer)} | {row.Layout ?? "-"} | {Profile(row)} |"));
        text.Append("ratio = CnnZoo ÷ the faster PyTorch layout, medians over the rounds; the last column times the network alone on a tensor batch, without ML.NET's rows.");
        return text.ToString();
    }

    private static string Profile(Row row)
    {
        if (double.IsNaN(row.ForwardOnly)) return "-";
        var faster = row.Infer.FasterPyTorch;
        return string.Create(CultureInfo.InvariantCulture, $"{Number(row.ForwardOnly)} / {Number(row.FoldedForwardOnly)}")
            + (faster > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({row.ForwardOnly / faster:0.00} / {row.FoldedForwardOnly / faster:0.00})") : "");
    }

    private static string Rates(Phase phase) => string.Join(" / ", new[] { phase.PyTorch, phase.PyTorchChannelsLast, phase.CnnZoo }.Select(Number));

    private static string Ratio(Phase phase) => double.IsNaN(phase.Ratio) ? "-" : phase.Ratio.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Number(double value) => double.IsNaN(value) ? "-" : value.ToString(value >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);
}
