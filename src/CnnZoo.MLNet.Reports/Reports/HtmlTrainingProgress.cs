using System.Globalization;
using System.Net;
using System.Text;
using CnnZoo.MLNet.Training;

namespace CnnZoo.MLNet.Reports;

/// <summary>
/// A live training display for notebooks and web pages: give it as <see cref="CnnTrainer.Options.Progress"/> and it calls
/// <paramref name="render"/> with fresh HTML (a progress bar, the latest metrics, and the epoch table so far) on every
/// report. In a .NET Interactive notebook: <c>var view = display(HTML("…")); new HtmlTrainingProgress(html =&gt; view.Update(HTML(html)))</c>.
/// Set <see cref="CnnTrainer.Options.ReportEverySteps"/> for updates within an epoch.
/// </summary>
/// <param name="render">Receives the HTML after each report (called on the training thread).</param>
/// <param name="title">Shown above the bar (e.g. the architecture).</param>
public sealed class HtmlTrainingProgress(Action<string> render, string? title = null) : IProgress<EpochMetrics>
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly Action<string> _render = render ?? throw new ArgumentNullException(nameof(render));
    private readonly List<EpochMetrics> _epochs = new();
    private readonly Lock _gate = new();

    /// <summary>The completed epochs reported so far.</summary>
    public IReadOnlyList<EpochMetrics> Epochs { get { lock (_gate) return _epochs.ToList(); } }

    /// <summary>The latest report (mid-epoch or epoch end); null before the first.</summary>
    public EpochMetrics? Latest { get; private set; }

    /// <inheritdoc />
    public void Report(EpochMetrics value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string html;
        lock (_gate)
        {
            Latest = value;
            if (value.IsEpochEnd) _epochs.Add(value);
            html = Render(value);
        }
        _render(html);
    }

    /// <summary>The HTML of the display as it stands.</summary>
    public string ToHtml()
    {
        lock (_gate) return Latest is null ? "<div>waiting for the first report …</div>" : Render(Latest);
    }

    private string Render(EpochMetrics latest)
    {
        var done = latest.IsEpochEnd ? latest.Epoch : latest.Epoch - 1;
        var sb = new StringBuilder("<div class=\"cnnzoo-progress\">");
        if (title is not null) sb.Append("<div><b>").Append(WebUtility.HtmlEncode(title)).Append("</b></div>");
        sb.Append("<div><progress max=\"").Append(latest.TotalEpochs).Append("\" value=\"").Append(done).Append("\" style=\"width:320px\"></progress> ")
          .Append(WebUtility.HtmlEncode(string.Create(Invariant, $"epoch {latest.Epoch}/{latest.TotalEpochs}{(latest.IsEpochEnd ? "" : " (in progress)")} · loss {latest.TrainLoss:0.0000} · accuracy {latest.TrainAccuracy * 100:0.0}%")));
        if (latest.ValidationAccuracy is double va) sb.Append(WebUtility.HtmlEncode(string.Create(Invariant, $" · val accuracy {va * 100:0.0}%")));
        sb.Append(WebUtility.HtmlEncode(string.Create(Invariant, $" · {latest.ImagesPerSecond:N0} img/s · {TrainingReports.Time(latest.Elapsed)}"))).Append("</div>");
        if (_epochs.Count > 0) sb.Append(TrainingReports.History(_epochs, title: "Epochs").ToHtml());
        return sb.Append("</div>").ToString();
    }
}
