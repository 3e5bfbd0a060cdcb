using System.Globalization;
using CnnZoo.Cli.Data;
using CnnZoo.Cli.Katib;
using CnnZoo.Cli.Rendering;
using CnnZoo.MLNet.Comparison;
using Microsoft.ML;

namespace CnnZoo.Cli.Commands;

/// <summary>
/// <c>cnnzoo compare</c>: trains several architectures on a dataset with successive halving (the weaker half stops at
/// each rung, survivors get more epochs), prints the leaderboard, writes the reports and charts, evaluates the winner on
/// the test split and saves it. Ctrl+C stops early and still prints the leaderboard so far. Beyond one machine,
/// <c>--emit-katib DIR</c> writes the same search as a Kubeflow Katib experiment whose trials are <c>cnnzoo trial</c>,
/// and <c>--collect DIR</c> turns the finished trials into the same leaderboard, reports and best model (docs/katib.md).
/// </summary>
public sealed class CompareCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = new DatasetArguments();
        var katib = new KatibArguments();
        var models = new Option<string?>("--models", "-m") { Description = "Comma-separated architectures (default: a sensible set for the input size)." };
        var minEpochs = new Option<int>("--min-epochs") { Description = "Epochs of the first rung.", DefaultValueFactory = _ => 1 };
        var maxEpochs = new Option<int>("--max-epochs") { Description = "Epochs the best trial reaches.", DefaultValueFactory = _ => 4 };
        var eta = new Option<int>("--eta") { Description = "Halving factor: 1/eta of the trials go on at each rung.", DefaultValueFactory = _ => 2 };
        var imagesPerEpoch = new Option<int>("--images-per-epoch")
        {
            Description = "Training images per epoch, another random subset every epoch, so a rung costs the same whatever the data's size (default 16000; 0: the whole training split). Katib trials train whole epochs.",
            DefaultValueFactory = _ => DefaultImagesPerEpoch,
        };
        var minutes = new Option<double?>("--time-budget") { Description = "Wall-time budget in minutes; trials still running when it is spent stop (default 9)." , DefaultValueFactory = _ => 9 };
        var rates = new Option<string?>("--lr") { Description = "Comma-separated learning rates to search per architecture (default: each architecture's recipe)." };
        var batches = new Option<string?>("--batch-sizes") { Description = "Comma-separated batch sizes to search per architecture (default: 128)." };
        var validation = new Option<double>("--validation-fraction") { Description = "Share of the training rows held out to rank the trials.", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same leaderboard on CPU.", DefaultValueFactory = _ => 1 };
        var report = new Option<string>("--report") { Description = "Folder for the leaderboard (txt, md, csv, html) and the charts (PNG, SVG).", DefaultValueFactory = _ => "compare-report" };
        var output = new Option<string>("--output", "-o") { Description = "Where to save the winning model.", DefaultValueFactory = _ => "best-model.zip" };
        var command = new Command("compare", "Compare architectures on a dataset with successive halving: leaderboard, reports, charts and the best model.");
        data.AddTo(command);
        foreach (var option in new Option[] { models, minEpochs, maxEpochs, eta, imagesPerEpoch, minutes, rates, batches, validation, seed, report, output }) command.Options.Add(option);
        katib.AddTo(command);
        command.SetAction(parsed =>
        {
            var ml = new MLContext(parsed.GetValue(seed));
            var dataset = data.Load(ml, parsed, parsed.GetValue(seed));
            ComparisonOptions Options() => ComparisonSetup.OptionsFor(dataset, List(parsed.GetValue(models), s => s), parsed.GetValue(minEpochs), parsed.GetValue(maxEpochs),
                parsed.GetValue(eta), parsed.GetValue(validation), parsed.GetValue(seed), Search(parsed.GetValue(rates), parsed.GetValue(batches)));
            var (emitFolder, collectFolder) = (parsed.GetValue(katib.Emit), parsed.GetValue(katib.Collect));
            if (emitFolder is not null && collectFolder is not null) throw new CliUsageException("Give --emit-katib or --collect, not both.");
            if (emitFolder is not null)
            {
                var setup = ComparisonSetup.Prepare(ml, dataset, Options());
                var paths = KatibDataPaths.For(parsed.GetValue(data.Data) ?? "fashion-mnist", parsed.GetValue(data.DataFolder), CnnZoo.MLNet.Data.CnnZooData.DefaultFashionMnistFolder, parsed.GetValue(data.Rows));
                var settings = katib.Settings(parsed, setup, paths);
                var files = KatibFiles.Write(Path.GetFullPath(emitFolder), settings);
                context.Out.WriteLine($"Katib experiment '{settings.Name}': {setup.Trials.Count} trials of the first rung, Hyperband rungs at {string.Join(", ", KatibHyperband.FirstBracketEpochs(settings.MaxEpochs, settings.Eta))} epochs, {settings.ParallelTrials} in parallel, at most {settings.MaxTrials}.");
                foreach (var file in files) context.Out.WriteLine($"  {file}");
                return ExitCodes.Success;
            }
            if (collectFolder is not null)
            {
                var setup = ComparisonSetup.Prepare(ml, dataset, Options());
                var collector = new ComparisonCollector(setup);
                using var collected = collector.Collect(Path.GetFullPath(collectFolder));
                foreach (var note in collector.Notes) context.Note($"note: {note}", context.Error);
                return Finish(context, ml, dataset, collected, parsed.GetValue(report), parsed.GetValue(output));
            }
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); context.Note("Stopping: finishing with the leaderboard so far …", context.Error); };
            Console.CancelKeyPress += onCancel;
            try
            {
                var options = Options();
                options.ImagesPerEpoch = parsed.GetValue(imagesPerEpoch) switch
                {
                    0 => null,
                    < 0 and var n => throw new CliUsageException($"--images-per-epoch must be at least 1, or 0 for the whole training split; got {n}."),
                    var n => n,
                };
                options.TimeBudget = parsed.GetValue(minutes) is double m ? TimeSpan.FromMinutes(m) : null;
                options.Progress = new Sink(p => context.Note(p.ToString(), context.Error));
                options.CancellationToken = cancel.Token;
                using var result = Usage(() => ml.MulticlassClassification.CompareCnns(options)).Execute(dataset.Train);
                return Finish(context, ml, dataset, result, parsed.GetValue(report), parsed.GetValue(output));
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    // The reports, the winner on the test split and the saved winner: the same for a local and a collected comparison.
    private static int Finish(CliContext context, MLContext ml, LoadedDataset dataset, ComparisonResult result, string? report, string? output)
    {
        var reportFolder = Path.GetFullPath(report ?? "compare-report");
        var written = new ComparisonReport(result).WriteTo(reportFolder);
        context.Out.WriteLine(new ComparisonReport(result).ToText());
        context.Out.WriteLine($"reports and charts: {reportFolder} ({written.Count} files)");
        if (result.Best is { } best)
        {
            var metrics = TestSetEvaluation.Evaluate(ml, best.Transform(dataset.Test));
            var path = Path.GetFullPath(output ?? "best-model.zip");
            ml.Model.Save(best, dataset.Train.Schema, path);
            var table = MetricsTable.From(metrics, $"winner {result.BestTrial!.Name} on {dataset.Name} (test split)");
            table.Footer.Add($"model saved to {path}");
            TabularWriter.Write(context, table, OutputFormat.Table);
        }
        return result.Leaderboard.Count > 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    // Images of one epoch by default: on two quiet CPU cores the default comparison (4 trials, rungs at 1, 2, 4 epochs,
    // 12,000 validation images) then finished every rung in 4 minutes of its 9-minute budget (an estimated 7.5 if the slowest
    // network, resnet32_cifar, survives every rung), leaving room for a busier machine; whole Fashion-MNIST epochs
    // (48,000 images) ran out of time in rung 2.
    private const int DefaultImagesPerEpoch = 16_000;

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
