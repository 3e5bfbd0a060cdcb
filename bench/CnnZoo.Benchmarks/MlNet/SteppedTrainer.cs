using System.Diagnostics;
using CnnZoo.MLNet;
using CnnZoo.MLNet.Scoring;
using CnnZoo.MLNet.Training;
using Microsoft.ML;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>
/// Runs <c>CnnTrainer.Fit</c> on its own thread one epoch at a time, so that its epochs can be interleaved with other
/// work: the trainer's progress callback (called on the training thread at the end of every epoch) hands control back
/// and waits. While it waits, <see cref="RunOnTrainingThread"/> runs other work on that same thread, so a baseline and
/// the trainer share one thread (and libtorch's per-thread state) and only one of them runs at any moment.
/// </summary>
/// <remarks>
/// <see cref="NextEpoch"/> times everything from the moment the trainer is released to the end-of-epoch callback:
/// on the first call <c>Fit</c>'s data ingestion and the first epoch; afterwards the engine's whole epoch — seeding the
/// epoch's generators, the shuffle, the prefetched batches, every step (learning rate, forward, loss check, backward,
/// step, accuracy), and the end-of-epoch bookkeeping and log line.
/// </remarks>
public sealed class SteppedTrainer : IDisposable
{
    private readonly SemaphoreSlim _command = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<EpochMetrics> _epochs = [];
    private readonly CnnTrainer _trainer;
    private readonly IDataView _data;
    private readonly int _totalEpochs;
    private Thread? _thread;
    private Exception? _error;
    private CnnTransformer? _model;
    private Func<double>? _work;
    private double _workResult;
    private Exception? _workError;
    private bool _paused;

    /// <summary>Creates the trainer from <paramref name="options"/> (its Progress and CancellationToken are replaced).</summary>
    public SteppedTrainer(MLContext ml, CnnTrainer.Options options, IDataView data)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(options);
        options.Progress = new Pause(this);
        options.CancellationToken = _stop.Token;
        _totalEpochs = options.Epochs ?? throw new ArgumentException("Set Options.Epochs.", nameof(options));
        _trainer = ml.MulticlassClassification.Trainers.Cnn(options);
        _data = data ?? throw new ArgumentNullException(nameof(data));
    }

    /// <summary>The metrics the trainer reported for each finished epoch.</summary>
    public IReadOnlyList<EpochMetrics> Epochs => _epochs;

    /// <summary>Lets the trainer run to the end of its next epoch; returns the milliseconds that took.</summary>
    /// <exception cref="InvalidOperationException">The trainer failed or has no epoch left.</exception>
    public double NextEpoch()
    {
        if (_epochs.Count >= _totalEpochs) throw new InvalidOperationException($"The trainer has finished its {_totalEpochs} epochs.");
        var watch = Stopwatch.StartNew();
        if (_thread is null)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "cnnzoo-bench-trainer" };
            _thread.Start();
        }
        else
        {
            Resume(null);
        }
        _done.Wait();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (_error is not null) throw new InvalidOperationException($"The CnnZoo trainer failed: {_error.Message}", _error);
        if (!_paused) throw new InvalidOperationException($"The CnnZoo trainer stopped after {_epochs.Count} of {_totalEpochs} epochs.");
        return elapsed;
    }

    /// <summary>Runs <paramref name="work"/> on the training thread while the trainer is paused between epochs and returns its result.</summary>
    /// <exception cref="InvalidOperationException">The trainer is not paused (call <see cref="NextEpoch"/> first).</exception>
    public double RunOnTrainingThread(Func<double> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!_paused) throw new InvalidOperationException("The trainer is not paused between epochs; call NextEpoch first.");
        Resume(work);
        _done.Wait();
        if (_workError is { } error)
        {
            _workError = null;
            throw new InvalidOperationException($"Work on the training thread failed: {error.Message}", error);
        }
        return _workResult;
    }

    /// <summary>
    /// Lets <c>Fit</c> return and hands over the trained transformer (the caller owns it): after the last epoch, or, with
    /// epochs left, by cancelling (the trainer stops within the next batch and returns the model it has).
    /// </summary>
    public CnnTransformer Finish()
    {
        if (_epochs.Count < _totalEpochs) _stop.Cancel();
        if (_paused) Resume(null);
        _thread?.Join();
        if (_error is not null) throw new InvalidOperationException($"The CnnZoo trainer failed: {_error.Message}", _error);
        var model = _model ?? throw new InvalidOperationException("The trainer has not run all its epochs.");
        _model = null;
        return model;
    }

    /// <summary>Stops a trainer that is still paused (it ends within one batch) and frees a model nobody took.</summary>
    public void Dispose()
    {
        if (_thread is { IsAlive: true })
        {
            _stop.Cancel();
            if (_paused) Resume(null);
            _thread.Join();
        }
        _model?.Dispose();
        _stop.Dispose();
        _command.Dispose();
        _done.Dispose();
    }

    private void Resume(Func<double>? work)
    {
        _work = work;
        if (work is null) _paused = false;
        _command.Release();
    }

    private void Run()
    {
        try
        {
            _model = _trainer.Fit(_data);
        }
        catch (Exception ex)
        {
            _error = ex;
        }
        finally
        {
            // Wakes a caller still waiting for an epoch that will not come (failure or early stop).
            if ((_epochs.Count < _totalEpochs && !_stop.IsCancellationRequested) || _error is not null) _done.Release();
        }
    }

    /// <summary>The progress callback: records the epoch, hands control back, then runs work until told to continue training.</summary>
    private sealed class Pause(SteppedTrainer owner) : IProgress<EpochMetrics>
    {
        public void Report(EpochMetrics value)
        {
            if (!value.IsEpochEnd) return;
            owner._epochs.Add(value);
            owner._paused = true;
            owner._done.Release();
            while (true)
            {
                owner._command.Wait();
                if (owner._work is not { } work) return;
                owner._work = null;
                try { owner._workResult = work(); }
                catch (Exception ex) { owner._workError = ex; }
                owner._done.Release();
            }
        }
    }
}
