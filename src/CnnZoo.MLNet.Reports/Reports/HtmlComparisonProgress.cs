using System.Net;
using System.Text;
using CnnZoo.Architectures.Analysis;
using CnnZoo.MLNet.Comparison;

namespace CnnZoo.MLNet.Reports;

/// <summary>
/// A live display of a running comparison for notebooks: give it as <see cref="ComparisonOptions.Progress"/>; it calls
/// <paramref name="render"/> with fresh HTML (rung and trial bars, the trials evaluated so far, the latest events).
/// </summary>
/// <param name="render">Receives the HTML after each report.</param>
/// <param name="recentLines">How many of the latest event lines to show.</param>
public sealed class HtmlComparisonProgress(Action<string> render, int recentLines = 8) : IProgress<ComparisonProgress>
{
    private readonly Action<string> _render = render ?? throw new ArgumentNullException(nameof(render));
    private readonly Queue<string> _lines = new();
    private readonly Dictionary<string, TrialResult> _evaluated = new();
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public void Report(ComparisonProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string html;
        lock (_gate)
        {
            if (value.Stage != ComparisonStage.Epoch || value.Epoch?.IsEpochEnd == true)
            {
                _lines.Enqueue(value.ToString());
                while (_lines.Count > Math.Max(1, recentLines)) _lines.Dequeue();
            }
            if (value.Result is { } result) _evaluated[result.Name] = result;
            html = Render(value);
        }
        _render(html);
    }

    private string Render(ComparisonProgress latest)
    {
        var sb = new StringBuilder("<div class=\"cnnzoo-progress\">");
        var rungsDone = latest.Stage == ComparisonStage.Finished ? latest.RungCount : latest.Rung;
        sb.Append("<div>rungs <progress max=\"").Append(Math.Max(1, latest.RungCount)).Append("\" value=\"").Append(rungsDone).Append("\" style=\"width:200px\"></progress> ")
          .Append(rungsDone).Append('/').Append(latest.RungCount);
        if (latest.TrialsInRung > 0)
            sb.Append(" · trials on this rung <progress max=\"").Append(latest.TrialsInRung).Append("\" value=\"").Append(latest.TrialNumber).Append("\" style=\"width:120px\"></progress> ")
              .Append(latest.TrialNumber).Append('/').Append(latest.TrialsInRung);
        sb.Append("</div>");
        if (_evaluated.Count > 0)
        {
            var table = new HtmlTable("trial", "validation accuracy", "epochs").AlignRight(1, 2);
            foreach (var r in _evaluated.Values.OrderByDescending(r => r.Accuracy))
                table.AddRow(r.Name, (r.Accuracy * 100).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%", r.EpochsRun.ToString(System.Globalization.CultureInfo.InvariantCulture));
            sb.Append(table.ToHtml());
        }
        sb.Append("<pre style=\"font-size:11px;margin:4px 0\">");
        foreach (var line in _lines) sb.Append(WebUtility.HtmlEncode(line)).Append('\n');
        return sb.Append("</pre></div>").ToString();
    }
}
