using System.Globalization;
using CnnZoo.Architectures.Analysis;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Reports;

/// <summary>HTML tables of ML.NET's multiclass evaluation: headline metrics, per-class precision/recall, a confusion-matrix heat map, comparisons.</summary>
public static class ClassificationReports
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Micro and macro accuracy, log loss, log-loss reduction and top-k accuracy.</summary>
    public static HtmlTable Summary(MulticlassClassificationMetrics metrics, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var table = new HtmlTable("metric", "value").AlignRight(1);
        table.Caption = title ?? "Evaluation";
        table.AddRow("accuracy (micro)", Percent(metrics.MicroAccuracy));
        table.AddRow("accuracy (macro: mean over classes)", Percent(metrics.MacroAccuracy));
        table.AddRow("log loss", metrics.LogLoss.ToString("0.0000", Invariant));
        table.AddRow("log-loss reduction", metrics.LogLossReduction.ToString("0.0000", Invariant));
        if (metrics.TopKPredictionCount > 1) table.AddRow($"top-{metrics.TopKPredictionCount} accuracy", Percent(metrics.TopKAccuracy));
        table.AddRow("test rows", N(metrics.ConfusionMatrix.Counts.Sum(r => r.Sum())));
        return table;
    }

    /// <summary>Precision, recall, F1 and support per class. <paramref name="classNames"/> in key order (<see cref="KeyNames.Of(Microsoft.ML.IDataView, string)"/>).</summary>
    public static HtmlTable PerClass(MulticlassClassificationMetrics metrics, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var cm = metrics.ConfusionMatrix;
        var names = Names(classNames, cm.NumberOfClasses);
        var table = new HtmlTable("class", "precision", "recall", "F1", "support").AlignRight(1, 2, 3, 4);
        table.Caption = "Per class";
        for (var i = 0; i < cm.NumberOfClasses; i++)
        {
            var (p, r) = (cm.PerClassPrecision[i], cm.PerClassRecall[i]);
            var f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
            table.AddRow(names[i], Percent(p), Percent(r), new HtmlCell(Percent(f1), Background: Heat(f1, good: true)), N(cm.Counts[i].Sum()));
        }
        return table;
    }

    /// <summary>
    /// The confusion matrix as a heat map: rows are the true classes, columns the predicted ones; each cell is shaded
    /// by its share of the row (green on the diagonal, red off it) and shows the count.
    /// </summary>
    public static HtmlTable ConfusionMatrix(ConfusionMatrix matrix, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.NumberOfClasses;
        var names = Names(classNames, n);
        var table = new HtmlTable(["true \\ predicted", .. names, "recall"]);
        table.AlignRight(Enumerable.Range(1, n + 1).ToArray());
        table.Caption = "Confusion matrix";
        for (var i = 0; i < n; i++)
        {
            var row = matrix.Counts[i];
            var total = row.Sum();
            var cells = new HtmlCell[n + 2];
            cells[0] = new HtmlCell(names[i], Bold: true);
            for (var j = 0; j < n; j++)
            {
                var share = total > 0 ? row[j] / total : 0;
                cells[j + 1] = new HtmlCell(N(row[j]), Background: row[j] == 0 ? null : Heat(share, good: i == j),
                    Title: string.Create(Invariant, $"{names[i]} → {names[j]}: {share * 100:0.0}% of the row"));
            }
            cells[n + 1] = Percent(matrix.PerClassRecall[i]);
            table.AddRow(cells);
        }
        var footer = new HtmlCell[n + 2];
        footer[0] = "precision";
        for (var j = 0; j < n; j++) footer[j + 1] = Percent(matrix.PerClassPrecision[j]);
        footer[n + 1] = "";
        table.AddFooterRow(footer);
        return table;
    }

    /// <summary>Several evaluations side by side (e.g. a CNN against a linear model on its features), best accuracy first.</summary>
    public static HtmlTable Compare(IEnumerable<(string Name, MulticlassClassificationMetrics Metrics)> results, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results.OrderByDescending(r => r.Metrics.MicroAccuracy).ToList();
        var table = new HtmlTable("model", "accuracy", "macro accuracy", "log loss", "test rows").AlignRight(1, 2, 3, 4);
        table.Caption = title ?? "Comparison";
        var best = list.Count > 0 ? list[0].Metrics.MicroAccuracy : 0;
        foreach (var (name, m) in list)
            table.AddRow(name, new HtmlCell(Percent(m.MicroAccuracy), Bold: m.MicroAccuracy == best), Percent(m.MacroAccuracy),
                m.LogLoss.ToString("0.0000", Invariant), N(m.ConfusionMatrix.Counts.Sum(r => r.Sum())));
        return table;
    }

    private static IReadOnlyList<string> Names(IReadOnlyList<string>? classNames, int count)
    {
        if (classNames is null) return Enumerable.Range(0, count).Select(i => i.ToString(Invariant)).ToList();
        if (classNames.Count != count)
            throw new ArgumentException($"{classNames.Count} class names for {count} classes; take them from the key column (KeyNames.Of).", nameof(classNames));
        return classNames;
    }

    /// <summary>Background for a share in [0, 1]: white → green when <paramref name="good"/>, white → red otherwise.</summary>
    internal static string Heat(double share, bool good)
    {
        var t = Math.Clamp(share, 0, 1);
        var (r, g, b) = good ? (Mix(255, 80, t), Mix(255, 185, t), Mix(255, 100, t)) : (Mix(255, 225, Math.Sqrt(t)), Mix(255, 90, Math.Sqrt(t)), Mix(255, 90, Math.Sqrt(t)));
        return $"#{r:x2}{g:x2}{b:x2}";
        static int Mix(int from, int to, double t) => (int)Math.Round(from + (to - from) * t);
    }

    private static string Percent(double value) => (value * 100).ToString("0.00", Invariant) + "%";
    private static string N(double value) => value.ToString("N0", Invariant);
}
