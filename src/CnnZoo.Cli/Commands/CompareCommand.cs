using System.Globalization;
using CnnZoo.Cli.Data;
using CnnZoo.Cli.Rendering;
using CnnZoo.MLNet.Comparison;
using Microsoft.ML;

namespace CnnZoo.Cli.Commands;

/// <summary>
/// <c>cnnzoo compare</c>: trains several architectures on a dataset with successive halving (the weaker half stops at
/// each rung, survivors get more epochs), prints the leaderboard, writes the reports and charts, evaluates the winner on
/// the test split and saves it. Ctrl+C stops early and still prints the leaderboard so far.
/// </summary>
public sealed class CompareCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = new DatasetArguments();
        var models = new Option<string?>("--models", "-m") { Description = "Comma-separated architectures (default: a sensible set for the input size)." };
        var minEpochs = new Option<int>("--min-epochs") { Description = "Epochs of the first rung.", DefaultValueFactory = _ => 1 };
        var maxEpochs = new Option<int>("--max-epochs") { Description = "Epochs the best trial reaches.", DefaultValueFactory = _ => 4 };
        var eta = new Option<int>("--eta") { Description = "Halving factor: 1/eta of the trials go on at each rung.", DefaultValueFactory = _ => 2 };
        var minutes = new Option<double?>("--time-budget") { Description = "Wall-time budget in minutes; trials still running when it is spent stop (default 9)." , DefaultValueFactory = _ => 9 };
        var rates = new Option<string?>("--lr") { Description = "Comma-separated learning rates to search per architecture (default: each architecture's recipe)." };
        var batches = new Option<string?>("--batch-sizes") { Description = "Comma-separated batch sizes to search per architecture (default: 128)." };
        var validation = new Option<double>("--validation-fraction") { Description = "Share of the training rows held out to rank the trials.", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same leaderboard on CPU.", DefaultValueFactory = _ => 1 };
        var report = new Option<string>("--report") { Description = "Folder for the leaderboard (txt, md, csv, html) and the charts (PNG, SVG).", DefaultValueFactory = _ => "compare-report" };
        var output = new Option<string>("--output", "-o") { Description = "Where to save the winning model.", DefaultValueFactory = _ => "best-model.zip" };
        var command = new Command("compare", "Compare architectures on a dataset with successive halving: leaderboard, reports, charts and the best model.");
        data.AddTo(command);
        foreach (var option in new Option[] { models, minEpochs, maxEpochs, eta, minutes, rates, batches, validation, seed, report, output }) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var ml = new MLContext(parsed.GetValue(seed));
            var dataset = data.Load(ml, parsed, parsed.GetValue(seed));
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); context.Note("Stopping: finishing with the leaderboard so far …", context.Error); };
            Console.CancelKeyPress += onCancel;
            try
            {
                var options = new ComparisonOptions
                {
                    Candidates = List(parsed.GetValue(models), s => s),
                    FeatureColumnName = dataset.FeatureColumn, Preprocessing = dataset.Preprocessing,
                    MinEpochs = parsed.GetValue(minEpochs), MaxEpochs = parsed.GetValue(maxEpochs), ReductionFactor = parsed.GetValue(eta),
                    TimeBudget = parsed.GetValue(minutes) is double m ? TimeSpan.FromMinutes(m) : null,
                    ValidationFraction = parsed.GetValue(validation), Seed = parsed.GetValue(seed),
                    SearchSpace = Search(parsed.GetValue(rates), parsed.GetValue(batches)),
                    Progress = new Sink(p => context.Note(p.ToString(), context.Error)),
                    CancellationToken = cancel.Token,
                };
                using var result = Usage(() => ml.MulticlassClassification.CompareCnns(options)).Execute(dataset.Train);
                var reportFolder = Path.GetFullPath(parsed.GetValue(report) ?? "compare-report");
                var written = new ComparisonReport(result).WriteTo(reportFolder);
                context.Out.WriteLine(new ComparisonReport(result).ToText());
                context.Out.WriteLine($"reports and charts: {reportFolder} ({written.Count} files)");
                if (result.Best is { } best)
                {
                    var metrics = TestSetEvaluation.Evaluate(ml, best.Transform(dataset.Test));
                    var path = Path.GetFullPath(parsed.GetValue(output) ?? "best-model.zip");
                    ml.Model.Save(best, dataset.Train.Schema, path);
                    var table = MetricsTable.From(metrics, $"winner {result.BestTrial!.Name} on {dataset.Name} (test split)");
                    table.Footer.Add($"model saved to {path}");
                    TabularWriter.Write(context, table, OutputFormat.Table);
                }
                return result.Leaderboard.Count > 0 ? ExitCodes.Success : ExitCodes.Failure;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    private static SearchSpace? Search(string? rates, string? batches)
    {
        if (rates is null && batches is null) return null;
        return new SearchSpace
        {
            LearningRates = List(rates, s => double.Parse(s, CultureInfo.InvariantCulture)) ?? [],
            BatchSizes = List(batches, s => int.Parse(s, CultureInfo.InvariantCulture)) ?? [],
        };
    }

    private static IReadOnlyList<T>? List<T>(string? text, Func<string, T> parse)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try { return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToList(); }
        catch (FormatException) { throw new CliUsageException($"Cannot read the list '{text}'."); }
    }

    private static T Usage<T>(Func<T> create)
    {
        try { return create(); }
        catch (ArgumentException ex) { throw new CliUsageException(CliUsageException.CleanMessage(ex), ex); }
    }

    private sealed class Sink(Action<ComparisonProgress> report) : IProgress<ComparisonProgress>
    {
        public void Report(ComparisonProgress value) => report(value);
    }
}
