namespace CnnZoo.MLNet.Training;

/// <summary>
/// Computes the learning rate for every step of a run from <see cref="TrainingSettings.LearningRate"/>,
/// <see cref="TrainingSettings.Schedule"/> and <see cref="TrainingSettings.WarmupEpochs"/>. Every schedule except
/// reduce-on-plateau is a pure function of the step; the plateau's state is in <see cref="State"/> (kept in checkpoints).
/// </summary>
public sealed class LearningRateScheduler
{
    /// <summary>A plateau counts as broken by a relative improvement of more than this (PyTorch's default threshold).</summary>
    public const double PlateauRelativeThreshold = 1e-4;

    private readonly TrainingSettings _settings;
    private readonly long _warmupSteps;
    private LearningRateSchedulerState _state;

    /// <summary>Creates the schedule for a run with <paramref name="stepsPerEpoch"/> optimiser steps per epoch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The settings are invalid, or <paramref name="stepsPerEpoch"/> is below 1.</exception>
    public LearningRateScheduler(TrainingSettings settings, int stepsPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerEpoch, 1);
        _settings = settings;
        StepsPerEpoch = stepsPerEpoch;
        _warmupSteps = (long)Math.Round(settings.WarmupEpochs * stepsPerEpoch, MidpointRounding.AwayFromZero);
        _state = new LearningRateSchedulerState(settings.LearningRate, null, 0);
    }

    /// <summary>Optimiser steps per epoch.</summary>
    public int StepsPerEpoch { get; }

    /// <summary>Total optimiser steps of the run.</summary>
    public long TotalSteps => (long)_settings.Epochs * StepsPerEpoch;

    /// <summary>The reduce-on-plateau state (the current plateau rate, its best metric and the epochs without improvement).</summary>
    public LearningRateSchedulerState State => _state;

    /// <summary>The rate for step <paramref name="stepInEpoch"/> (0-based) of epoch <paramref name="epochIndex"/> (0-based).</summary>
    public double LearningRateAt(int epochIndex, int stepInEpoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epochIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(stepInEpoch);
        var step = (long)epochIndex * StepsPerEpoch + stepInEpoch;
        var warmup = step < _warmupSteps ? (step + 1.0) / _warmupSteps : 1.0;
        return ScheduledRate(epochIndex, step) * warmup;
    }

    /// <summary>
    /// Tells the schedule an epoch ended with the monitored metric at <paramref name="metric"/>; for reduce-on-plateau
    /// this may lower the rate of the following epochs. Returns true when it did.
    /// </summary>
    public bool EpochCompleted(double metric, bool higherIsBetter)
    {
        if (_settings.Schedule is not ReduceOnPlateauSchedule plateau) return false;
        var best = _state.PlateauBest;
        var improved = best is not double b
            || (higherIsBetter ? metric > b * (1 + PlateauRelativeThreshold) : metric < b * (1 - PlateauRelativeThreshold));
        if (improved)
        {
            _state = _state with { PlateauBest = metric, PlateauBadEpochs = 0 };
            return false;
        }
        var bad = _state.PlateauBadEpochs + 1;
        if (bad <= plateau.Patience)
        {
            _state = _state with { PlateauBadEpochs = bad };
            return false;
        }
        var previous = _state.PlateauLearningRate;
        var reduced = Math.Max(previous * plateau.Factor, plateau.MinLearningRate);
        _state = _state with { PlateauLearningRate = reduced, PlateauBadEpochs = 0 };
        return reduced < previous;
    }

    /// <summary>Puts back a state saved from <see cref="State"/> (when resuming from a checkpoint).</summary>
    public void Restore(LearningRateSchedulerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
    }

    private double ScheduledRate(int epochIndex, long step)
    {
        var baseRate = _settings.LearningRate;
        switch (_settings.Schedule)
        {
            case StepSchedule s:
                return baseRate * Math.Pow(s.Gamma, epochIndex / s.StepEpochs);
            case MultiStepSchedule m:
                var passed = m.MilestoneFractions.Count(f => epochIndex >= Math.Round(f * _settings.Epochs, MidpointRounding.AwayFromZero));
                return baseRate * Math.Pow(m.Gamma, passed);
            case ReduceOnPlateauSchedule:
                return _state.PlateauLearningRate;
            case CosineSchedule c:
                var progress = (double)step / TotalSteps;
                return c.MinLearningRate + (baseRate - c.MinLearningRate) * (1 + Math.Cos(Math.PI * progress)) / 2;
            case OneCycleSchedule o:
                return OneCycleRate(o, step);
            default:
                return baseRate;
        }
    }

    private double OneCycleRate(OneCycleSchedule schedule, long step)
    {
        var peak = schedule.MaxLearningRate ?? _settings.LearningRate;
        var initial = peak / OneCycleSchedule.InitialDivisor;
        var final = initial / OneCycleSchedule.FinalDivisor;
        // Phase boundaries as PyTorch's OneCycleLR: the peak is reached at step pct·T − 1, the floor at step T − 1.
        var peakStep = schedule.PctStart * TotalSteps - 1;
        var lastStep = TotalSteps - 1.0;
        if (step <= peakStep) return CosineBetween(initial, peak, peakStep <= 0 ? 1 : step / peakStep);
        return CosineBetween(peak, final, lastStep <= peakStep ? 1 : (step - peakStep) / (lastStep - peakStep));
    }

    private static double CosineBetween(double start, double end, double fraction) =>
        end + (start - end) / 2 * (Math.Cos(Math.PI * Math.Clamp(fraction, 0, 1)) + 1);
}

/// <summary>The reduce-on-plateau part of a <see cref="LearningRateScheduler"/>'s state.</summary>
/// <param name="PlateauLearningRate">The current plateau rate (starts at the base rate).</param>
/// <param name="PlateauBest">The best monitored metric so far; <c>null</c> before the first epoch.</param>
/// <param name="PlateauBadEpochs">Epochs since the last improvement (or reduction).</param>
public sealed record LearningRateSchedulerState(double PlateauLearningRate, double? PlateauBest, int PlateauBadEpochs);
