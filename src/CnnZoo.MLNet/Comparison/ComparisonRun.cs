using System.Diagnostics;
using CnnZoo.MLNet.Scoring;
using CnnZoo.MLNet.Training;
using Microsoft.ML;

namespace CnnZoo.MLNet.Comparison;

/// <summary>One execution of an <see cref="ArchitectureComparison"/>: successive halving over the planned trials.</summary>
internal sealed class ComparisonRun
{
    private readonly MulticlassClassificationCatalog _catalog;
    private readonly DataOperationsCatalog _dataCatalog;
    private readonly ComparisonOptions _options;
    private readonly IDataView _rawData;
    private readonly Stopwatch _clock = new();
    private readonly List<TrialFailure> _failures = [];
    private readonly List<RungSummary> _rungs = [];
    private readonly List<string> _notes = [];
    private ComparisonPlan _plan = null!;

    public ComparisonRun(MulticlassClassificationCatalog catalog, DataOperationsCatalog dataCatalog, ComparisonOptions options, IDataView data) =>
        (_catalog, _dataCatalog, _options, _rawData) = (catalog, dataCatalog, options, data);

    public ComparisonResult Execute()
    {
        _clock.Start();
        using var budget = new CancellationTokenSource();
        if (_options.TimeBudget is TimeSpan timeBudget) budget.CancelAfter(timeBudget);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_options.CancellationToken, budget.Token);

        var data = ComparisonData.Prepare(_dataCatalog, _rawData, _options);
        var trials = TrialPlanner.Plan(_options, data);
        _plan = new ComparisonPlan(trials, HalvingSchedule.RungEpochs(_options.MinEpochs, _options.MaxEpochs, _options.ReductionFactor),
            _options.ReductionFactor, _options.Seed, data.TrainRows, data.ValidationRows, _options.ImagesPerEpoch);

        var ownsDirectory = _options.WorkingDirectory is null;
        var root = _options.WorkingDirectory ?? Path.Combine(Path.GetTempPath(), $"cnnzoo-compare-{Guid.NewGuid():N}");
        var states = trials.Select(t => new TrialState(t, Path.Combine(root, DirectoryName(t)))).ToList();
        var ownsCache = _options.DataCache is null;
        var cache = _options.DataCache ?? new TrainingDataCache();
        try
        {
            Report(ComparisonStage.Started, 0, 0, 0, message: $"{trials.Count} trials on {data.TrainRows} training / {data.ValidationRows} validation images, rungs at {string.Join(", ", _plan.RungEpochs)} epochs" +
                (_plan.ImagesPerEpoch is null ? "" : $" of {_plan.EpochImages} images"));
            RunRungs(data, states, cache, stop.Token);
            var cancelled = _options.CancellationToken.IsCancellationRequested;
            var outOfTime = !cancelled && (budget.IsCancellationRequested || _notes.Count > 0) && states.Any(s => s.Stop == TrialStopReason.TimeBudget);
            var result = ComparisonResultBuilder.Build(data, states, _rungs.ToList(), _failures.ToList(), _plan, _clock.Elapsed, cancelled, outOfTime, _notes.ToList());
            Report(ComparisonStage.Finished, _rungs.Count == 0 ? 0 : _rungs[^1].Rung, 0, 0,
                message: result.BestTrial is { } best ? $"finished: best {best.Name} (accuracy {best.Accuracy:F4})" : "finished: no trial was evaluated");
            return result;
        }
        finally
        {
            foreach (var state in states) state.DisposeModel();
            if (ownsCache) cache.Dispose();
            if (ownsDirectory) TryDeleteDirectory(root);
        }
    }

    private void RunRungs(ComparisonData data, List<TrialState> states, TrainingDataCache cache, CancellationToken stop)
    {
        var trainer = new RungTrainer(_catalog, _options, data, cache);
        var evaluator = new TrialEvaluator(_catalog, data, _options.LabelColumnName);
        var all = states;
        var active = states;
        for (var rung = 0; rung < _plan.RungEpochs.Count && active.Count > 0; rung++)
        {
            var epochs = _plan.RungEpochs[rung];
            var ran = new List<TrialState>();
            for (var i = 0; i < active.Count; i++)
            {
                if (stop.IsCancellationRequested) break;
                var state = active[i];
                if (CannotFinish(state, rung, epochs, all, data, i + 1, active.Count)) continue;
                Report(ComparisonStage.TrialStarted, rung, i + 1, active.Count, state.Config, message: $"{state.Config.Name}: training to epoch {epochs}");
                RunTrial(trainer, evaluator, state, rung, epochs, i + 1, active.Count, stop);
                ran.Add(state);
            }

            if (stop.IsCancellationRequested)
            {
                var reason = _options.CancellationToken.IsCancellationRequested ? TrialStopReason.Cancelled : TrialStopReason.TimeBudget;
                foreach (var state in active.Where(s => s.Stop is null)) state.Stop = reason;
                _rungs.Add(new RungSummary(rung, epochs, ran.Select(s => s.Config).ToList(), [], []));
                return;
            }

            var finished = ran.Where(s => s.RungReached == rung && s.Stop is not TrialStopReason.Failed).OrderBy(s => s, TrialRanking.Instance).ToList();
            if (rung == _plan.RungEpochs.Count - 1)
            {
                foreach (var state in finished.Where(s => s.Stop is null)) state.Stop = TrialStopReason.Completed;
                _rungs.Add(new RungSummary(rung, epochs, ran.Select(s => s.Config).ToList(), [], []));
                Report(ComparisonStage.RungCompleted, rung, 0, ran.Count, message: $"rung {rung + 1} done: {finished.Count} trials completed {epochs} epochs");
                return;
            }

            var survivors = HalvingSchedule.Survivors(finished.Count, _plan.ReductionFactor);
            var promoted = finished.Take(survivors).Where(s => s.Stop is null).ToList();
            var halved = finished.Skip(survivors).Where(s => s.Stop is null).ToList();
            foreach (var state in halved)
            {
                state.Stop = TrialStopReason.Halved;
                // A survivor already scores at least as well and keeps its best epoch, so this network is not needed again.
                state.DisposeModel();
            }
            _rungs.Add(new RungSummary(rung, epochs, ran.Select(s => s.Config).ToList(), promoted.Select(s => s.Config).ToList(), halved.Select(s => s.Config).ToList()));
            Report(ComparisonStage.RungCompleted, rung, 0, ran.Count,
                message: $"rung {rung + 1} done: {string.Join(", ", promoted.Select(s => s.Config.Name))} go on; stopped {(halved.Count == 0 ? "none" : string.Join(", ", halved.Select(s => s.Config.Name)))}");
            active = promoted.OrderBy(s => s.Config.Index).ToList();
        }
    }

    /// <summary>
    /// True (and the trial stopped for the time budget) when its estimated time for this rung exceeds what is left:
    /// starting it would spend the rest of the budget on a rung it cannot finish, leaving nothing for the others.
    /// </summary>
    private bool CannotFinish(TrialState state, int rung, int epochs, IReadOnlyList<TrialState> all, ComparisonData data, int position, int count)
    {
        if (_options.TimeBudget is not TimeSpan budget) return false;
        if (TrialTimeEstimate.Seconds(state, epochs, all.Where(s => s != state), _plan, data) is not double estimate) return false;
        var left = (budget - _clock.Elapsed).TotalSeconds;
        if (estimate <= left) return false;
        state.Stop = TrialStopReason.TimeBudget;
        var message = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{state.Config.Name}: not started on rung {rung + 1}: training to epoch {epochs} and validating should take about {estimate:F0} s, {Math.Max(0, left):F0} s of the time budget are left");
        _notes.Add(message);
        Report(ComparisonStage.TrialSkipped, rung, position, count, state.Config, message: message);
        return true;
    }

    private void RunTrial(RungTrainer trainer, TrialEvaluator evaluator, TrialState state, int rung, int epochs, int position, int count, CancellationToken stop)
    {
        var epochsBefore = state.EpochsRun;
        CnnTransformer? model = null;
        try
        {
            model = trainer.Train(state, epochs, fresh: rung == 0, stop,
                metrics => Report(ComparisonStage.Epoch, rung, position, count, state.Config, metrics, message: $"{state.Config.Name} {metrics}"));
            var training = model.TrainingResult!;
            var interrupted = stop.IsCancellationRequested && training.StopReason == TrainingStopReason.Cancelled && training.EpochsCompleted < epochs;
            if (interrupted)
            {
                var reason = _options.CancellationToken.IsCancellationRequested ? TrialStopReason.Cancelled : TrialStopReason.TimeBudget;
                state.Stop = reason;
                // A cancelled comparison returns at once; one out of time still ranks what the trial learned on this rung.
                if (reason == TrialStopReason.Cancelled || training.EpochsCompleted == epochsBefore)
                {
                    model.Dispose();
                    return;
                }
            }
            if (state.Parameters is null) (state.Parameters, state.Macs) = TrialEvaluator.SizeOf(model);
            var evaluation = evaluator.Evaluate(model);
            state.Record(model, evaluation);
            model = null;
            if (training.StopReason == TrainingStopReason.EarlyStopped) state.Stop = TrialStopReason.EarlyStopped;
            Report(ComparisonStage.TrialEvaluated, rung, position, count, state.Config, result: state.ToResult(rank: 0),
                message: $"{state.Config.Name}: accuracy {evaluation.Accuracy:F4}, log-loss {evaluation.LogLoss:F4} after {state.EpochsRun} epochs");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while the trainer was still reading the data: nothing new was learned on this rung.
            model?.Dispose();
            state.Stop = _options.CancellationToken.IsCancellationRequested ? TrialStopReason.Cancelled : TrialStopReason.TimeBudget;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            model?.Dispose();
            var message = $"{ex.GetType().Name}: {ex.Message}";
            _failures.Add(new TrialFailure(state.Config, rung, message));
            state.Stop = TrialStopReason.Failed;
            state.Error = message;
            Report(ComparisonStage.TrialFailed, rung, position, count, state.Config, message: $"{state.Config.Name} failed: {message}");
        }
    }

    private void Report(ComparisonStage stage, int rung, int trialNumber, int count, TrialConfig? trial = null, EpochMetrics? metrics = null, TrialResult? result = null, string message = "")
    {
        if (_options.Progress is not { } progress) return;
        var rungEpochs = _plan.RungEpochs.Count > rung ? _plan.RungEpochs[rung] : _plan.RungEpochs[^1];
        progress.Report(new ComparisonProgress(stage, rung, _plan.RungEpochs.Count, rungEpochs, trial, metrics, result, trialNumber, count, _clock.Elapsed, message));
    }

    private static string DirectoryName(TrialConfig trial)
    {
        var safe = new string(trial.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_').ToArray());
        return $"trial-{trial.Index:D3}-{safe}";
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
