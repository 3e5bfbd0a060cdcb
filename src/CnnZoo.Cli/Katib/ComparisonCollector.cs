using CnnZoo.MLNet.Comparison;
using CnnZoo.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.Cli.Katib;

/// <summary>
/// Rebuilds a comparison from trials that ran elsewhere (Katib pods writing to the shared volume): each planned trial's
/// finished runs are matched by architecture, learning rate, batch size, seed and schedule; its longest run's model is
/// loaded and evaluated on the validation split with the comparison's evaluator (ML.NET's metrics, confusion matrix
/// included, cannot be read back from text), and the rungs are read off which trials reached which epochs. The result is
/// the same <see cref="ComparisonResult"/> a local comparison returns, so the same reports and best model follow.
/// </summary>
internal sealed class ComparisonCollector(ComparisonSetup setup)
{
    /// <summary>Notes on what was skipped or did not match (shown to the user).</summary>
    public List<string> Notes { get; } = [];

    public ComparisonResult Collect(string runsRoot)
    {
        var options = setup.Options;
        var rungEpochs = HalvingSchedule.RungEpochs(options.MinEpochs, options.MaxEpochs, options.ReductionFactor);
        var records = ReadRecords(runsRoot, rungEpochs);
        var evaluator = new TrialEvaluator(setup.Ml.MulticlassClassification, setup.Data, options.LabelColumnName);
        var states = new List<TrialState>();
        var reached = new Dictionary<int, HashSet<int>>();
        try
        {
            foreach (var trial in setup.Trials)
            {
                var runs = records.Where(r => Matches(r.Record, trial)).GroupBy(r => r.Record.Epochs).Select(g => g.First()).OrderBy(r => r.Record.Epochs).ToList();
                var state = new TrialState(trial, runs.Count > 0 ? runs[^1].Directory : runsRoot);
                states.Add(state);
                reached[trial.Index] = runs.Select(r => r.Record.Epochs).ToHashSet();
                if (runs.Count > 0) Restore(state, runs, rungEpochs, evaluator);
            }
            var rungs = Rungs(rungEpochs, states, reached);
            var plan = new ComparisonPlan(setup.Trials, rungEpochs, options.ReductionFactor, options.Seed, setup.Data.TrainRows, setup.Data.ValidationRows);
            var elapsed = TimeSpan.FromSeconds(records.Sum(r => r.Record.TrainSeconds));
            return ComparisonResultBuilder.Build(setup.Data, states, rungs, [], plan, elapsed, cancelled: false, outOfTime: false);
        }
        finally
        {
            foreach (var state in states) state.DisposeModel();
        }
    }

    private void Restore(TrialState state, List<(TrialRecord Record, string Directory)> runs, IReadOnlyList<int> rungEpochs, TrialEvaluator evaluator)
    {
        var (last, directory) = runs[^1];
        var model = LoadNetwork(Path.Combine(directory, TrialRunDirectory.ModelFileName));
        var evaluation = evaluator.Evaluate(model);
        if (evaluation.Accuracy != last.Accuracy || evaluation.LogLoss != last.LogLoss)
            Notes.Add($"{state.Config.Name}: on this data its model scores accuracy {evaluation.Accuracy:R}, log-loss {evaluation.LogLoss:R}; the trial reported {last.Accuracy:R}, {last.LogLoss:R}. " +
                "Are the dataset, --rows, --validation-fraction and --seed those of the experiment?");
        (state.Parameters, state.Macs) = TrialEvaluator.SizeOf(model);
        state.TrainTime = TimeSpan.FromSeconds(last.TrainSeconds);
        state.PeakMemoryBytes = runs.Max(r => r.Record.PeakMemoryBytes);
        // Index = rung, as a local comparison's RungAccuracies; a rung this trial skipped (a later Hyperband bracket) is NaN.
        var lastRung = IndexOf(rungEpochs, last.Epochs);
        var accuracies = rungEpochs.Take(lastRung + 1).Select(e => runs.FirstOrDefault(r => r.Record.Epochs == e).Record?.Accuracy ?? double.NaN).ToList();
        accuracies[^1] = evaluation.Accuracy;
        state.RecordCollected(model, evaluation, last.Training, accuracies);
        state.Stop = last.Epochs == rungEpochs[^1] ? TrialStopReason.Completed : TrialStopReason.Halved;
    }

    /// <summary>Each rung: the trials that reached its epochs, those that went on to the next rung's, and the others (halved).</summary>
    private static List<RungSummary> Rungs(IReadOnlyList<int> rungEpochs, List<TrialState> states, Dictionary<int, HashSet<int>> reached)
    {
        var rungs = new List<RungSummary>();
        for (var rung = 0; rung < rungEpochs.Count; rung++)
        {
            var ran = states.Where(s => reached[s.Config.Index].Contains(rungEpochs[rung])).Select(s => s.Config).ToList();
            if (ran.Count == 0) continue;
            var isLast = rung == rungEpochs.Count - 1;
            List<TrialConfig> promoted = isLast ? [] : ran.Where(t => reached[t.Index].Any(e => e > rungEpochs[rung])).ToList();
            List<TrialConfig> stopped = isLast ? [] : ran.Except(promoted).ToList();
            rungs.Add(new RungSummary(rung, rungEpochs[rung], ran, promoted, stopped));
        }
        return rungs;
    }

    private List<(TrialRecord Record, string Directory)> ReadRecords(string runsRoot, IReadOnlyList<int> rungEpochs)
    {
        if (!Directory.Exists(runsRoot)) throw new CliUsageException($"--collect: no folder '{runsRoot}'.");
        var records = new List<(TrialRecord, string)>();
        foreach (var directory in TrialRunDirectory.All(runsRoot))
        {
            if (TrialRecord.ReadFrom(directory) is not { } record) continue; // unfinished (or failed) run
            if (!File.Exists(Path.Combine(directory, TrialRunDirectory.ModelFileName)))
                Notes.Add($"{directory}: a record without {TrialRunDirectory.ModelFileName}; skipped");
            else if (record.Seed != setup.Options.Seed || record.MaxEpochs != setup.Options.MaxEpochs || IndexOf(rungEpochs, record.Epochs) < 0)
                Notes.Add($"{directory}: seed {record.Seed}, {record.Epochs} of {record.MaxEpochs} epochs is no trial of this comparison (seed {setup.Options.Seed}, rungs at {string.Join(", ", rungEpochs)} epochs); skipped");
            else records.Add((record, directory));
        }
        return records;
    }

    private static bool Matches(TrialRecord record, TrialConfig trial) =>
        record.Architecture == trial.Architecture && record.LearningRate == trial.LearningRate && record.BatchSize == trial.BatchSize;

    private static int IndexOf(IReadOnlyList<int> values, int value)
    {
        for (var i = 0; i < values.Count; i++) if (values[i] == value) return i;
        return -1;
    }

    // A worker's model.zip is the fitted preprocessing followed by the network; the collector keeps the network.
    private CnnTransformer LoadNetwork(string path)
    {
        var loaded = setup.Ml.Model.Load(path, out _);
        var network = loaded is TransformerChain<ITransformer> chain ? chain.OfType<CnnTransformer>().LastOrDefault() : loaded as CnnTransformer;
        return network ?? throw new InvalidDataException($"'{path}' holds no CnnZoo network.");
    }
}
