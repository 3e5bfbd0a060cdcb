using System.Globalization;
using CnnZoo.Architectures;
using CnnZoo.Architectures.Analysis;
using CnnZoo.Cli.Rendering;

namespace CnnZoo.Cli.Commands;

/// <summary>
/// <c>cnnzoo list</c>: every registered architecture with family, year, exact trainable parameters, GMACs at its
/// canonical input, the canonical input and the paper's reported error. Parameters and MACs come from building each
/// model (the VGGs take a second or two each); <c>--no-macs</c> skips the forward pass.
/// </summary>
public sealed class ListCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var noMacs = new Option<bool>("--no-macs") { Description = "Skip the MAC count (no forward pass; parameters are still counted)." };
        var family = new Option<string?>("--family") { Description = "Only architectures whose family starts with this text (e.g. resnet, vgg, lenet)." };
        var format = OutputFormatOption.Create();
        var command = new Command("list", "Every registered architecture: family, year, parameters, GMACs, canonical input, reported error.");
        command.Options.Add(noMacs);
        command.Options.Add(family);
        command.Options.Add(format);
        command.SetAction(parsed =>
        {
            var filter = parsed.GetValue(family);
            var specs = ModelZoo.All.Where(s => string.IsNullOrWhiteSpace(filter) || s.Family.StartsWith(filter.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (specs.Count == 0)
                throw new CliUsageException($"No architecture family starts with '{filter}'. Families: {string.Join(", ", ModelZoo.All.Select(s => s.Family).Distinct())}.");
            var withMacs = !parsed.GetValue(noMacs);
            var rows = context.WithStatus("Building models …", status =>
                specs.Select((spec, i) =>
                {
                    status($"Building {spec.Name} ({i + 1}/{specs.Count}) …");
                    return Measure(spec, withMacs);
                }).ToList());
            TabularWriter.Write(context, ToTable(rows, withMacs), parsed.GetValue(format));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One listed architecture.</summary>
    /// <param name="Spec">Its registry entry.</param>
    /// <param name="Parameters">Trainable parameters at the default options.</param>
    /// <param name="Macs">MACs per image at the canonical input; null when not measured.</param>
    public sealed record Entry(ModelSpec Spec, long Parameters, long? Macs);

    /// <summary>Builds the model at its defaults and counts its parameters (and MACs, running one zero image through it).</summary>
    public static Entry Measure(ModelSpec spec, bool withMacs)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var model = ModelZoo.Create(spec.Name);
        if (!withMacs) return new Entry(spec, model.parameters().Where(p => p.requires_grad).Sum(p => p.numel()), null);
        var summary = ModelSummary.Of(model);
        return new Entry(spec, summary.TotalParameters, summary.TotalMacs);
    }

    /// <summary>The listing as a table.</summary>
    public static TabularData ToTable(IReadOnlyList<Entry> entries, bool withMacs)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var table = new TabularData(
            new TabularColumn("name"), new TabularColumn("family"), new TabularColumn("year", true), new TabularColumn("params", true),
            new TabularColumn("GMACs", true), new TabularColumn("input"), new TabularColumn("reported error"));
        foreach (var e in entries)
        {
            table.AddRow(e.Spec.Name, e.Spec.Family, e.Spec.Paper.Year.ToString(CultureInfo.InvariantCulture),
                e.Parameters.ToString("N0", CultureInfo.InvariantCulture), e.Macs is long macs ? Gmacs(macs) : "-",
                $"{e.Spec.DefaultInChannels}x{e.Spec.CanonicalInputSize}x{e.Spec.CanonicalInputSize}", e.Spec.Paper.ReportedError ?? "");
        }
        table.Footer.Add($"{entries.Count} architectures. Params: trainable, at the default class count. "
            + (withMacs ? "GMACs: multiply-accumulates per image at the canonical input (FLOPs = 2 x MACs)." : "GMACs skipped (--no-macs)."));
        return table;
    }

    private static string Gmacs(long macs)
    {
        var g = macs / 1e9;
        return g.ToString(g >= 0.01 ? "0.00" : "0.00000", CultureInfo.InvariantCulture);
    }
}
