using System.Globalization;
using System.Text;

namespace CnnZoo.Architectures.Analysis;

/// <summary>One measured architecture of a <see cref="ZooOverview"/>.</summary>
/// <param name="Spec">Its registry entry.</param>
/// <param name="Summary">Its per-layer summary at the default options (canonical input, paper class count).</param>
public sealed record ZooEntry(ModelSpec Spec, ModelSummary Summary)
{
    /// <summary>Trainable parameters.</summary>
    public long Parameters => Summary.TotalParameters;
    /// <summary>Multiply-accumulates per image at the canonical input.</summary>
    public long Macs => Summary.TotalMacs;
    /// <summary>Forward activation memory per image at float32, bytes.</summary>
    public long ActivationBytes => Summary.ActivationBytes;
}

/// <summary>
/// Every registered architecture (or a chosen few) built at its defaults and summarised from the real modules:
/// parameters, MACs and activation memory, with each model's per-layer table. Building all 37 takes about half a
/// minute on two CPU cores (the VGGs dominate). The summaries are kept, so other analyses can reuse them
/// (<see cref="Summary"/>, e.g. <see cref="LectureReview.Run(Func{string, ModelSummary}?)"/>).
/// </summary>
public sealed class ZooOverview : IHtmlReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly Dictionary<string, ZooEntry> _byName;

    private ZooOverview(IReadOnlyList<ZooEntry> entries)
    {
        Entries = entries;
        _byName = entries.ToDictionary(e => e.Spec.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The measured architectures, in registry order (or the order asked for).</summary>
    public IReadOnlyList<ZooEntry> Entries { get; }

    /// <summary>
    /// Builds and summarises the named architectures (default: all of <see cref="ModelZoo.All"/>), one at a time, disposing
    /// each model after measuring it. <paramref name="onMeasured"/> is called after each (for progress displays).
    /// </summary>
    public static ZooOverview Measure(IEnumerable<string>? names = null, Action<ZooEntry>? onMeasured = null)
    {
        var specs = names is null ? ModelZoo.All.ToList() : names.Select(ModelZoo.Get).ToList();
        var entries = new List<ZooEntry>(specs.Count);
        foreach (var spec in specs)
        {
            using var model = ModelZoo.Create(spec.Name);
            var entry = new ZooEntry(spec, ModelSummary.Of(model));
            entries.Add(entry);
            onMeasured?.Invoke(entry);
        }
        return new ZooOverview(entries);
    }

    /// <summary>The summary of a measured architecture; measures it now if it was not among <see cref="Entries"/>.</summary>
    public ModelSummary Summary(string name)
    {
        if (_byName.TryGetValue(name, out var entry)) return entry.Summary;
        using var model = ModelZoo.Create(name);
        return ModelSummary.Of(model);
    }

    /// <summary>The catalogue: one row per architecture (family, year, parameters, GMACs, activation memory, input, reported error).</summary>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("name", "family", "year", "params", "GMACs", "activations (MiB)", "input", "reported error").AlignRight(2, 3, 4, 5);
        table.Caption = $"{Entries.Count} architectures, measured from the real modules";
        foreach (var e in Entries)
            table.AddRow(e.Spec.Name, e.Spec.Family, e.Spec.Paper.Year.ToString(Invariant), e.Parameters.ToString("N0", Invariant),
                Gmacs(e.Macs), (e.ActivationBytes / 1048576.0).ToString(e.ActivationBytes < 1048576 ? "0.000" : "0.0", Invariant),
                $"{e.Spec.DefaultInChannels}x{e.Spec.CanonicalInputSize}x{e.Spec.CanonicalInputSize}", e.Spec.Paper.ReportedError ?? "");
        table.Notes.Add("Params: trainable, at the paper's class count. GMACs: multiply-accumulates per image at the canonical input (FLOPs = 2 × MACs). Activations: forward, per image, float32.");
        return table;
    }

    /// <summary>The catalogue followed by each architecture's collapsible per-layer table.</summary>
    public string ToHtml() => ToHtml(layerTables: true);

    /// <summary>The catalogue; with <paramref name="layerTables"/>, followed by each architecture's collapsible per-layer table.</summary>
    public string ToHtml(bool layerTables, int maxRowsPerTable = 40)
    {
        var sb = new StringBuilder(ToTable().ToHtml());
        if (!layerTables) return sb.ToString();
        sb.Append("<div style=\"margin-top:8px\"><b>Per-layer summaries</b> (click to open)</div>");
        foreach (var e in Entries) sb.Append(e.Summary.ToHtmlDetails(compact: true, maxRows: maxRowsPerTable));
        return sb.ToString();
    }

    private static string Gmacs(long macs) => (macs / 1e9).ToString(macs < 10_000_000 ? "0.#####" : "0.00", Invariant);
}
