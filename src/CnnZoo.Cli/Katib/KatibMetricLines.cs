using System.Globalization;
using CnnZoo.MLNet.Training;

namespace CnnZoo.Cli.Katib;

/// <summary>
/// Metrics as Katib's StdOut collector reads them: one line per report, an RFC 3339 timestamp first (the collector
/// takes a leading timestamp as the metric's time, so "latest" is well defined), then <c>name=value</c> pairs that its
/// default filter <c>([\w|-]+)\s*=\s*([+-]?\d*(\.\d+)?([Ee][+-]?\d+)?)</c> parses. Values are printed round-trip
/// exact, so the number Katib stores is the number the trial computed.
/// </summary>
internal static class KatibMetricLines
{
    /// <summary>After an epoch: its number, training loss and accuracy, and the trainer's validation loss and accuracy.</summary>
    public static string Epoch(EpochMetrics metrics, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var pairs = new List<(string, double)> { (KatibNames.Epoch, metrics.Epoch), (KatibNames.TrainLoss, metrics.TrainLoss), (KatibNames.TrainAccuracy, metrics.TrainAccuracy) };
        if (metrics.ValidationLoss is double loss) pairs.Add((KatibNames.ValidationLoss, loss));
        if (metrics.ValidationAccuracy is double accuracy) pairs.Add((KatibNames.ValidationAccuracy, accuracy));
        return Line(time, pairs);
    }

    /// <summary>The trial's result, printed last: the validation accuracy and log-loss the comparison ranks by.</summary>
    public static string Result(TrialRecord record, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Line(time, [(KatibNames.ValidationAccuracy, record.Accuracy), (KatibNames.LogLoss, record.LogLoss)]);
    }

    /// <summary>Round-trip text of a metric value (invariant culture; what the default filter's number pattern accepts).</summary>
    public static string Value(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Line(DateTimeOffset time, IEnumerable<(string Name, double Value)> pairs) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + " " +
        string.Join(" ", pairs.Select(p => $"{p.Name}={Value(p.Value)}"));
}
