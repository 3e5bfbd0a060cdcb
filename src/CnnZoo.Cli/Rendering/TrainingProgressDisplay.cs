using System.Globalization;
using CnnZoo.MLNet.Training;
using Spectre.Console;

namespace CnnZoo.Cli.Rendering;

/// <summary>
/// Shows training progress: a live progress bar (epoch, loss, accuracy, images/s) on a terminal's standard error, or one
/// log line per epoch when the output is redirected.
/// </summary>
public static class TrainingProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, giving it the <see cref="IProgress{T}"/> to report through.</summary>
    /// <param name="context">Where to draw.</param>
    /// <param name="title">Bar label, e.g. the model name.</param>
    /// <param name="epochs">Epochs planned.</param>
    /// <param name="stepsPerEpoch">Optimiser steps in one epoch (for in-epoch progress).</param>
    /// <param name="work">The training, reporting through the given progress sink.</param>
    public static T Run<T>(CliContext context, string title, int epochs, long stepsPerEpoch, Func<IProgress<EpochMetrics>, T> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        if (context.StatusConsole is null)
            return work(new Sink(m => { if (m.IsEpochEnd) context.Note($"{title} {m}", context.Error); }));

        T result = default!;
        context.StatusConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: epochs);
                var lastEpochEndStep = 0L;
                result = work(new Sink(m =>
                {
                    if (m.IsEpochEnd) lastEpochEndStep = m.Step;
                    var within = m.IsEpochEnd ? 1.0 : Math.Min(0.99, (m.Step - lastEpochEndStep) / (double)Math.Max(1, stepsPerEpoch));
                    task.Value = Math.Min(epochs, m.Epoch - 1 + within);
                    task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                        $"{title} epoch {m.Epoch}/{m.TotalEpochs} loss {m.TrainLoss:F3} acc {m.TrainAccuracy:P1}{(m.ValidationAccuracy is double v ? $" val {v:P1}" : "")} {m.ImagesPerSecond:F0} img/s"));
                    if (m.IsEpochEnd) context.StatusConsole.MarkupLine(Markup.Escape($"{title} {m}"));
                }));
                task.Value = epochs;
            });
        return result;
    }

    // Reports synchronously on the training thread (System.Progress<T> would post to the thread pool out of order).
    private sealed class Sink(Action<EpochMetrics> report) : IProgress<EpochMetrics>
    {
        public void Report(EpochMetrics value) => report(value);
    }
}
