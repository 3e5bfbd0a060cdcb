using System.Globalization;
using Microsoft.ML.Data;

namespace CnnZoo.Cli.Rendering;

/// <summary>ML.NET's multiclass metrics as a table, and its confusion matrix as text.</summary>
public static class MetricsTable
{
    /// <summary>Accuracy (micro and macro), top-k accuracy, log-loss and log-loss reduction.</summary>
    public static TabularData From(MulticlassClassificationMetrics metrics, string title)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var table = new TabularData(new TabularColumn("metric"), new TabularColumn("value", true)) { Title = title };
        table.AddRow("accuracy", F(metrics.MicroAccuracy));
        table.AddRow("macro accuracy", F(metrics.MacroAccuracy));
        if (metrics.TopKPredictionCount > 0) table.AddRow($"top-{metrics.TopKPredictionCount} accuracy", F(metrics.TopKAccuracy));
        table.AddRow("log-loss", F(metrics.LogLoss));
        table.AddRow("log-loss reduction", F(metrics.LogLossReduction));
        table.AddRow("rows", metrics.ConfusionMatrix.Counts.Sum(r => r.Sum()).ToString("N0", CultureInfo.InvariantCulture));
        return table;
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
