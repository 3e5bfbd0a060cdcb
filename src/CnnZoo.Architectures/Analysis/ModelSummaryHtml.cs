using System.Globalization;

namespace CnnZoo.Architectures.Analysis;

/// <summary>HTML renderings of a <see cref="ModelSummary"/>: the per-layer table with totals, for notebooks.</summary>
public static class ModelSummaryHtml
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The per-layer table (layer, type, output H×W×C, activations, weights, biases, MACs) with totals of parameters,
    /// MACs and activation memory. <paramref name="compact"/> keeps only conv, pool and FC outputs and layers with
    /// parameters (ReLU, BN and dropout rows are folded away, as in the lecture's tables); tables longer than
    /// <paramref name="maxRows"/> show their first and last rows around a "… N more rows …" line.
    /// </summary>
    public static string ToHtml(this ModelSummary summary, bool compact = true, int maxRows = 120)
        => ToTable(summary, compact, maxRows).ToHtml();

    /// <summary>The table of <see cref="ToHtml"/> as an <see cref="HtmlTable"/>, to add notes or render later.</summary>
    public static HtmlTable ToTable(this ModelSummary summary, bool compact = true, int maxRows = 120)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 2);
        var rows = compact ? summary.Layers.Where(r => r.IsActivationMap || r.Parameters > 0).ToList() : summary.Layers.ToList();
        var table = new HtmlTable("layer", "type", "output (HxWxC)", "activations", "weights", "biases", "MACs").AlignRight(3, 4, 5, 6);
        table.Caption = $"{summary.Title} — input {Shape(summary.InputShape)}";
        table.AddRow("input", "", Shape(summary.InputShape), N(summary.InputShape.Aggregate(1L, (a, b) => a * b)), "", "", "");
        var head = rows.Count > maxRows ? maxRows * 3 / 4 : rows.Count;
        var tail = rows.Count > maxRows ? maxRows - head : 0;
        foreach (var r in rows.Take(head)) AddLayer(table, r);
        if (tail > 0)
        {
            table.AddSpanningRow($"… {rows.Count - head - tail:N0} more rows …");
            foreach (var r in rows.Skip(rows.Count - tail)) AddLayer(table, r);
        }
        table.AddFooterRow("total", "", "", N(summary.TotalActivations), N(summary.Layers.Sum(r => r.Weights)), N(summary.Layers.Sum(r => r.Biases)), N(summary.TotalMacs));
        table.Notes.Add(string.Create(Invariant, $"Trainable parameters {summary.TotalParameters:N0}{(summary.FixedWeights > 0 ? $" (+{summary.FixedWeights:N0} fixed)" : "")}; "
            + $"{Macs(summary.TotalMacs)} per image (FLOPs = 2 × MACs); "
            + $"{summary.TotalActivations:N0} activations = {Bytes(summary.ActivationBytes)} per image at float32 (forward)."));
        if (compact) table.Notes.Add("Activations count the input and every conv, pool and FC output; ReLU, BN, LRN and dropout rows are folded into the layer before them.");
        return table;
    }

    /// <summary>
    /// A collapsible block: a one-line summary (name, parameters, GMACs, activation memory) that opens onto the layer table.
    /// </summary>
    public static string ToHtmlDetails(this ModelSummary summary, bool compact = true, int maxRows = 120, bool open = false)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return $"<details{(open ? " open" : "")} style=\"margin:2px 0\"><summary style=\"cursor:pointer\"><b>{HtmlTable.Encode(summary.Title)}</b> — "
            + HtmlTable.Encode(string.Create(Invariant, $"{summary.TotalParameters:N0} params, {Macs(summary.TotalMacs)}, {Bytes(summary.ActivationBytes)} activations at {Shape(summary.InputShape)}"))
            + "</summary>" + summary.ToHtml(compact, maxRows) + "</details>";
    }

    /// <summary>"0.33 MMACs" below 10 million, else "1.135 GMACs".</summary>
    internal static string Macs(long macs) => macs < 10_000_000
        ? string.Create(Invariant, $"{macs / 1e6:0.##} MMACs")
        : string.Create(Invariant, $"{macs / 1e9:0.###} GMACs");

    /// <summary>"36 KiB" below a MiB, else "58.1 MiB".</summary>
    internal static string Bytes(long bytes) => bytes < 1_048_576
        ? string.Create(Invariant, $"{bytes / 1024.0:0} KiB")
        : string.Create(Invariant, $"{bytes / 1048576.0:0.#} MiB");

    private static void AddLayer(HtmlTable table, LayerRow r) =>
        table.AddRow(r.Name, r.Type, r.ShapeText, r.IsActivationMap ? N(r.Activations) : "", Z(r.Weights), Z(r.Biases), Z(r.Macs));

    private static string Shape(long[] chw) => chw.Length == 3 ? $"{chw[1]}x{chw[2]}x{chw[0]}" : string.Join("x", chw);
    private static string N(long value) => value.ToString("N0", Invariant);
    private static string Z(long value) => value == 0 ? "" : N(value);
}
