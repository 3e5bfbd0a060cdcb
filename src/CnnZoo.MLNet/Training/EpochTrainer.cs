using System.Diagnostics;
using CnnZoo.MLNet.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Training;

/// <summary>One training pass: per batch, set the scheduled rate, augment, forward, check the loss, backward, step.</summary>
internal sealed class EpochTrainer(
    NormalizedClassifier model,
    IBatchSource train,
    TrainingSettings settings,
    OptimizerHelper optimizer,
    LearningRateScheduler scheduler,
    Func<Tensor, Generator, Tensor>? augment)
{
    private readonly Parameter[] _parameters = optimizer.parameters().ToArray();

    /// <param name="Cancelled">Cancellation stopped the pass before its end.</param>
    /// <param name="EndStep">Global step after the pass.</param>
    /// <param name="Loss">Mean main-head loss of the images trained on.</param>
    /// <param name="Accuracy">Training accuracy of those images.</param>
    /// <param name="LearningRate">Rate of the last step.</param>
    /// <param name="ImagesPerSecond">Throughput of the pass.</param>
    public sealed record Outcome(bool Cancelled, long EndStep, double Loss, double Accuracy, double LearningRate, double ImagesPerSecond);

    /// <summary>
    /// Steps through the batches of 1-based <paramref name="epoch"/>, starting at <paramref name="startStep"/>.
    /// Throws <see cref="TrainingDivergedException"/> (before the failing step's update) when the loss is not finite.
    /// </summary>
    public Outcome Train(int epoch, long startStep, EpochRandomness random, string? lastCheckpoint, Action<EpochMetrics>? reportRunning, Stopwatch runClock, CancellationToken cancellationToken)
    {
        model.train();
        ClearGradients();
        var device = model.Device;
        var clock = Stopwatch.StartNew();
        using var correct = zeros(1, ScalarType.Int64, device);
        double lossSum = 0;
        long images = 0, step = startStep;
        var stepInEpoch = 0;
        var learningRate = scheduler.LearningRateAt(epoch - 1, 0);
        var cancelled = false;
        foreach (var batch in train.Batches(settings.BatchSize, shuffle: true, random.Shuffle, device))
        {
            using (batch)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }
                if (IsSkipped(batch)) continue;
                learningRate = scheduler.LearningRateAt(epoch - 1, stepInEpoch);
                OptimizerFactory.SetLearningRate(optimizer, learningRate, settings);

                using var scope = NewDisposeScope();
                // Augmentation works on floats; without it, uint8 batches go to the model's normalisation as they are.
                var inputs = augment is null ? batch.Images : augment(AsFloat(batch.Images), random.Augmentation);
                var output = TrainingLoss.Compute(model, inputs, batch.Labels, settings);
                var total = output.Total.item<float>();
                if (!float.IsFinite(total))
                    throw new TrainingDivergedException(epoch, step + 1, "training loss", total, learningRate, lastCheckpoint);
                var main = ReferenceEquals(output.Total, output.Main) ? total : output.Main.item<float>();
                output.Total.backward();
                optimizer.step();
                ClearGradients();
                using (no_grad()) correct.add_(output.Logits.argmax(1).eq(batch.Labels).sum());

                lossSum += (double)main * batch.Count;
                images += batch.Count;
                step++;
                stepInEpoch++;
                if (reportRunning is not null && settings.ReportEverySteps > 0 && stepInEpoch % settings.ReportEverySteps == 0)
                    reportRunning(Running(epoch, step, lossSum, correct, images, learningRate, clock, runClock));
            }
        }
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        return new Outcome(cancelled, step, images > 0 ? lossSum / images : double.NaN, images > 0 ? correct.item<long>() / (double)images : double.NaN, learningRate, images / seconds);
    }

    /// <summary>
    /// Optimiser steps per epoch: a trailing batch of one image is skipped (batch norm cannot train on a single
    /// sample), unless every batch has one image.
    /// </summary>
    public static int StepsPerEpoch(long count, int batchSize)
    {
        var full = count / batchSize;
        var remainder = count % batchSize;
        var steps = full + (remainder == 0 || (remainder == 1 && SkipsSingleton(count, batchSize)) ? 0 : 1);
        return (int)Math.Max(1, Math.Min(steps, int.MaxValue));
    }

    /// <summary>
    /// PyTorch's <c>zero_grad(set_to_none=True)</c>, right after each step: with no gradient left, backward hands each
    /// new gradient over instead of adding it into a zeroed one (TorchSharp's <c>zero_grad</c> zeroes in place, a memset
    /// and an add over every weight per step), and the gradients, as large as the weights, are not held through the next
    /// forward or after training. The optimisers skip a parameter whose gradient stays none, as PyTorch's do.
    /// </summary>
    private void ClearGradients()
    {
        foreach (var parameter in _parameters) parameter.grad = null;
    }

    private static Tensor AsFloat(Tensor images) => images.is_floating_point() ? images : images.to_type(ScalarType.Float32);

    private bool IsSkipped(Batch batch) => batch.Count == 1 && SkipsSingleton(train.Count, settings.BatchSize);

    private static bool SkipsSingleton(long count, int batchSize) => batchSize > 1 && count > 1;

    private EpochMetrics Running(int epoch, long step, double lossSum, Tensor correct, long images, double learningRate, Stopwatch clock, Stopwatch runClock) =>
        new(epoch, settings.Epochs, step, lossSum / images, correct.item<long>() / (double)images, null, null, learningRate,
            images / Math.Max(clock.Elapsed.TotalSeconds, 1e-9), runClock.Elapsed, IsEpochEnd: false);
}
