using System.Diagnostics;
using CnnZoo.Architectures.Weights;
using CnnZoo.MLNet.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Training;

/// <summary>One call of <see cref="TrainingEngine.Run"/>: resume, the epoch loop, bookkeeping and the final restore.</summary>
internal sealed class TrainingRun(
    NormalizedClassifier model,
    IBatchSource train,
    IBatchSource? validation,
    TrainingSettings settings,
    Func<Tensor, Generator, Tensor>? augment,
    IProgress<EpochMetrics>? progress,
    Action<string>? log,
    CancellationToken cancellationToken)
{
    private readonly MonitoredMetric _monitor = MonitoredMetric.For(validation is not null);
    private readonly CheckpointStore? _checkpoints = settings.CheckpointDirectory is null ? null : new CheckpointStore(settings.CheckpointDirectory);
    private readonly Stopwatch _clock = new();
    private TrainingProgress _state = new();
    private string? _lastCheckpoint;

    public TrainingResult Execute()
    {
        _clock.Start();
        var epochData = settings.ImagesPerEpoch is int images && images < train.Count ? new EpochSampleSource(train, images) : train;
        var stepsPerEpoch = EpochTrainer.StepsPerEpoch(epochData.Count, settings.BatchSize);
        var scheduler = new LearningRateScheduler(settings, stepsPerEpoch);
        if (settings.FineTune is { } fineTune) model.PrepareFineTuning(fineTune);
        using var optimizer = OptimizerFactory.Create(model, settings);
        using var best = new BestWeights();
        LogStart(epochData, stepsPerEpoch);
        var resumedFrom = Resume(optimizer, scheduler, best);

        var trainer = new EpochTrainer(model, epochData, settings, optimizer, scheduler, augment);
        var stopReason = _state.EarlyStopped ? TrainingStopReason.EarlyStopped : TrainingStopReason.Completed;
        var modelHoldsLastEpoch = true;
        while (!_state.EarlyStopped && _state.CompletedEpochs < settings.Epochs)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                stopReason = TrainingStopReason.Cancelled;
                break;
            }
            var epoch = _state.CompletedEpochs + 1;
            EpochTrainer.Outcome outcome;
            using (var random = EpochRandomness.For(settings.Seed, epoch))
                outcome = trainer.Train(epoch, _state.GlobalStep, random, _lastCheckpoint, ReportRunning, _clock, cancellationToken);
            modelHoldsLastEpoch = outcome.EndStep == _state.GlobalStep;
            _state.GlobalStep = outcome.EndStep;
            if (outcome.Cancelled)
            {
                stopReason = TrainingStopReason.Cancelled;
                break;
            }
            var metrics = MeasureEpoch(epoch, outcome);
            if (metrics is null)
            {
                stopReason = TrainingStopReason.Cancelled;
                break;
            }
            EndEpoch(epoch, metrics, scheduler, optimizer, best);
            modelHoldsLastEpoch = true;
            if (_state.EarlyStopped && _state.CompletedEpochs < settings.Epochs) // patience running out on the last epoch stops nothing
            {
                stopReason = TrainingStopReason.EarlyStopped;
                Log($"early stopping: {_monitor.Name} has not improved for {_state.EpochsWithoutImprovement} epoch(s); best epoch {_state.BestEpoch}");
            }
        }

        var restored = RestoreBest(best, modelHoldsLastEpoch);
        model.eval();
        return new TrainingResult(stopReason, _state.CompletedEpochs, resumedFrom, _state.GlobalStep, _monitor.Name,
            _state.BestEpoch, _state.BestMetric, restored, _state.History.ToList(), _lastCheckpoint);
    }

    /// <summary>The epoch's metrics including validation; <c>null</c> when cancellation interrupted the validation.</summary>
    private EpochMetrics? MeasureEpoch(int epoch, EpochTrainer.Outcome outcome)
    {
        double? validationLoss = null, validationAccuracy = null;
        if (validation is not null)
        {
            if (Evaluator.Evaluate(model, validation, settings.BatchSize, cancellationToken) is not var (loss, accuracy)) return null;
            if (!double.IsFinite(loss))
                throw new TrainingDivergedException(epoch, outcome.EndStep, "validation loss", loss, outcome.LearningRate, _lastCheckpoint);
            (validationLoss, validationAccuracy) = (loss, accuracy);
        }
        return new EpochMetrics(epoch, settings.Epochs, outcome.EndStep, outcome.Loss, outcome.Accuracy, validationLoss, validationAccuracy,
            outcome.LearningRate, outcome.ImagesPerSecond, _clock.Elapsed);
    }

    private void EndEpoch(int epoch, EpochMetrics metrics, LearningRateScheduler scheduler, OptimizerHelper optimizer, BestWeights best)
    {
        _state.History.Add(metrics);
        _state.CompletedEpochs = epoch;
        var value = _monitor.ValueOf(metrics);
        if (_monitor.IsImprovement(value, _state.BestMetric, settings.EarlyStoppingMinDelta))
        {
            (_state.BestEpoch, _state.BestMetric, _state.EpochsWithoutImprovement) = (epoch, value, 0);
            if (settings.RestoreBestEpoch) best.Capture(model);
        }
        else
        {
            _state.EpochsWithoutImprovement++;
        }
        var rateBefore = scheduler.State.PlateauLearningRate;
        if (scheduler.EpochCompleted(value, _monitor.HigherIsBetter))
            Log(SettingsChecks.Invariant($"{_monitor.Name} has not improved: learning rate {rateBefore:G4} → {scheduler.State.PlateauLearningRate:G4}"));
        _state.EarlyStopped = settings.EarlyStoppingPatience is int patience && _state.EpochsWithoutImprovement >= patience;

        // The checkpoint is on disk before anyone hears of the epoch, so a process killed from a progress handler loses nothing.
        if (_checkpoints is not null)
            _lastCheckpoint = _checkpoints.Write(model, optimizer, CheckpointOf(scheduler), keepEpoch: _state.BestEpoch);
        Log(metrics.ToString());
        progress?.Report(metrics);
    }

    private int Resume(OptimizerHelper optimizer, LearningRateScheduler scheduler, BestWeights best)
    {
        if (_checkpoints is null) return 0;
        if (!settings.ResumeFromCheckpoint)
        {
            _checkpoints.DeleteAll();
            return 0;
        }
        if (_checkpoints.FindLatest(log) is not var (path, state)) return 0;

        CheckCompatible(path, state);
        try
        {
            model.LoadWeights(Path.Combine(path, CheckpointStore.WeightsFileName), strict: true);
        }
        catch (StateDictMismatchException ex)
        {
            throw new InvalidOperationException($"The checkpoint in '{path}' does not fit this '{model.Model.Spec.Name}' model: {ex.Message}", ex);
        }
        if (state.Optimizer == settings.Optimizer.ToString()) CheckpointStore.LoadOptimizer(optimizer, path, model);
        else Log($"the checkpoint used the {state.Optimizer} optimiser, this run {settings.Optimizer}: its optimiser state is not restored");
        scheduler.Restore(state.Scheduler);
        _state = TrainingProgress.From(state);
        // Judged by this run's patience, so a run with more (or no) early stopping can continue a stopped one.
        _state.EarlyStopped = settings.EarlyStoppingPatience is int patience && _state.EpochsWithoutImprovement >= patience;
        _lastCheckpoint = path;
        if (state.SettingsHash != settings.TrajectoryHash())
            Log("the training settings differ from the checkpoint's; continuing with the new settings");
        if (settings.RestoreBestEpoch && state.BestEpoch is int bestEpoch)
        {
            var bestWeights = Path.Combine(_checkpoints.EpochDirectory(bestEpoch), CheckpointStore.WeightsFileName);
            if (File.Exists(bestWeights)) best.Load(bestWeights);
            else Log($"the best epoch's ({bestEpoch}) weights are no longer on disk; they cannot be restored at the end");
        }
        Log($"resuming after epoch {state.Epoch} (step {state.GlobalStep}) from '{path}'");
        return state.Epoch;
    }

    private void CheckCompatible(string path, CheckpointState state)
    {
        var architecture = model.Model.Spec.Name;
        var classes = model.Model.NumClasses;
        if (!string.Equals(state.Architecture, architecture, StringComparison.OrdinalIgnoreCase) || state.NumClasses != classes)
            throw new InvalidOperationException(
                $"The checkpoint in '{path}' was written for architecture '{state.Architecture}' with {state.NumClasses} classes, but this model is " +
                $"'{architecture}' with {classes} classes. Use another CheckpointDirectory, or set ResumeFromCheckpoint = false to start over (its checkpoints are then deleted).");
        var shape = train.ChannelsHeightWidth;
        int[] expected = [shape.Channels, shape.Height, shape.Width];
        if (state.InputShape is null || !state.InputShape.SequenceEqual(expected))
            throw new InvalidOperationException(
                $"The checkpoint in '{path}' was trained on {string.Join("×", state.InputShape ?? [])} images, but this data is {shape}. " +
                "Use another CheckpointDirectory, or set ResumeFromCheckpoint = false to start over.");
    }

    private CheckpointState CheckpointOf(LearningRateScheduler scheduler)
    {
        var shape = train.ChannelsHeightWidth;
        return _state.RecordIn(new CheckpointState
        {
            Architecture = model.Model.Spec.Name,
            NumClasses = model.Model.NumClasses,
            InputShape = [shape.Channels, shape.Height, shape.Width],
            TotalEpochs = settings.Epochs,
            Seed = settings.Seed,
            SettingsHash = settings.TrajectoryHash(),
            Optimizer = settings.Optimizer.ToString(),
            Monitor = _monitor.Name,
            Scheduler = scheduler.State,
        });
    }

    private bool RestoreBest(BestWeights best, bool modelHoldsLastEpoch)
    {
        if (!settings.RestoreBestEpoch || !best.HasValue) return false;
        if (modelHoldsLastEpoch && _state.BestEpoch == _state.CompletedEpochs) return false;
        best.RestoreInto(model);
        Log(SettingsChecks.Invariant($"restored the weights of epoch {_state.BestEpoch} ({_monitor.Name} {_state.BestMetric:F4})"));
        return true;
    }

    private void ReportRunning(EpochMetrics metrics)
    {
        Log(metrics + " (running)");
        progress?.Report(metrics);
    }

    private void LogStart(IBatchSource epochData, int stepsPerEpoch)
    {
        var parameters = model.parameters().Sum(p => p.numel());
        var validationText = validation is null ? "no validation data" : $"{validation.Count} validation images";
        var sample = epochData.Count < train.Count ? SettingsChecks.Invariant($" (a random {epochData.Count} per epoch)") : "";
        Log(SettingsChecks.Invariant(
            $"training {model.Model.Spec.Name} ({parameters:N0} parameters) on {model.Device}: {train.Count} images{sample} of {train.ChannelsHeightWidth}, {validationText}; ") +
            SettingsChecks.Invariant($"{settings.Epochs} epochs of {stepsPerEpoch} steps, batch {settings.BatchSize}, {settings.Optimizer} lr {settings.LearningRate:G4}, schedule {settings.Schedule.Describe()}"));
    }

    private void Log(string message) => log?.Invoke(message);
}
