using System.Globalization;
using CnnZoo.Architectures;
using CnnZoo.Architectures.Analysis;
using CnnZoo.Cli.Rendering;

namespace CnnZoo.Cli.Commands;

/// <summary>
/// <c>cnnzoo summary &lt;model&gt;</c>: the per-layer table of one architecture (output shape H×W×C, activations,
/// weights, biases, MACs) measured from the real module, then the totals.
/// </summary>
public sealed class SummaryCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = new ModelArguments();
        var aux = new Option<bool>("--aux") { Description = "GoogLeNet only: build and run the two auxiliary classifiers too." };
        var compact = new Option<bool>("--compact") { Description = "Show only layers with parameters or a new activation map (conv, pool, FC)." };
        var format = OutputFormatOption.Create();
        var command = new Command("summary", "Per-layer output shapes, parameters and MACs of one architecture, and the totals.");
        model.AddTo(command);
        command.Options.Add(aux);
        command.Options.Add(compact);
        command.Options.Add(format);
        command.SetAction(parsed =>
        {
            var spec = model.GetSpec(parsed);
            var options = model.GetOptions(parsed, spec, parsed.GetValue(aux));
            var resolved = ModelArguments.Validate(spec, options);
            var summary = context.WithStatus($"Building {spec.Name} …", status =>
            {
                using var built = ModelZoo.Create(spec.Name, options);
                status($"Measuring {spec.Name} at {resolved.InChannels}x{resolved.InputSize}x{resolved.InputSize} …");
                return ModelSummary.Of(built, [resolved.InChannels, resolved.InputSize, resolved.InputSize], options.AuxClassifiers);
            });
            TabularWriter.Write(context, ToTable(summary, parsed.GetValue(compact)), parsed.GetValue(format));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The summary as a table with the columns of <see cref="ModelSummary.ToText"/> and its totals as footer lines.</summary>
    public static TabularData ToTable(ModelSummary summary, bool compact)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var table = new TabularData(
            new TabularColumn("layer"), new TabularColumn("type"), new TabularColumn("output"),
            new TabularColumn("activations", true), new TabularColumn("weights", true), new TabularColumn("biases", true), new TabularColumn("MACs", true))
        {
            Title = $"{summary.Title}  input {string.Join("x", summary.InputShape)}",
        };
        foreach (var r in summary.Layers.Where(r => !compact || r.IsActivationMap || r.Parameters > 0))
            table.AddRow(r.Name, r.Type, r.ShapeText, N(r.Activations), N(r.Weights), N(r.Biases), N(r.Macs));
        var fixedWeights = summary.FixedWeights > 0 ? $" (+{N(summary.FixedWeights)} fixed)" : "";
        table.Footer.Add($"trainable parameters {N(summary.TotalParameters)}{fixedWeights}");
        table.Footer.Add(string.Create(CultureInfo.InvariantCulture, $"MACs per image       {N(summary.TotalMacs)} ({summary.TotalMacs / 1e9:0.###} G; FLOPs = 2 x MACs)"));
        table.Footer.Add(string.Create(CultureInfo.InvariantCulture, $"activations / image  {N(summary.TotalActivations)} ({summary.ActivationBytes / 1048576.0:0.#} MiB at float32, forward only)"));
        return table;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
