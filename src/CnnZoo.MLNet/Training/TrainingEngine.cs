using CnnZoo.MLNet.Data;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// The training loop underneath the ML.NET trainer, free of ML.NET: mini-batch training of a
/// <see cref="NormalizedClassifier"/> with the optimiser, schedule, label smoothing, auxiliary losses (GoogLeNet's),
/// validation, early stopping, best-epoch restore, per-epoch checkpoints and resume that <see cref="TrainingSettings"/> ask for.
/// </summary>
public static class TrainingEngine
{
    /// <summary>
    /// Trains <paramref name="model"/> in place on the device its parameters are on and returns what happened.
    /// </summary>
    /// <remarks>
    /// <para>Determinism: every epoch re-seeds torch's generators and draws its shuffle and augmentation from generators seeded
    /// with (<see cref="TrainingSettings.Seed"/>, epoch). Given the same initial weights (seed torch before creating the model),
    /// the same settings and data give bit-identical weights on the CPU, also when resumed from a checkpoint.</para>
    /// <para>Cancellation is checked before every batch: the run stops within one batch, leaves the model usable (in eval mode,
    /// with the latest weights, or the best epoch's when <see cref="TrainingSettings.RestoreBestEpoch"/>) and returns
    /// <see cref="TrainingStopReason.Cancelled"/>; the partial epoch is not checkpointed.</para>
    /// <para>Each epoch's checkpoint is complete on disk before its metrics are logged and reported.</para>
    /// <para><paramref name="progress"/> is called on the training thread; <see cref="Progress{T}"/> would post it elsewhere.
    /// Call on one thread; the model is left in eval mode.</para>
    /// </remarks>
    /// <param name="model">The network; its normalisation statistics should already be set.</param>
    /// <param name="train">Training data, shuffled every epoch.</param>
    /// <param name="validation">Validation data for the monitored metric (accuracy); <c>null</c> monitors the training loss.</param>
    /// <param name="settings">The options (validated here).</param>
    /// <param name="augment">
    /// Applied to every training batch (float32 [B, C, H, W], raw scale, on the training device) with the epoch's seeded
    /// CPU generator; returns the augmented batch. Tensors it creates are freed with the batch.
    /// </param>
    /// <param name="progress">Receives every epoch's metrics (and running ones, see <see cref="TrainingSettings.ReportEverySteps"/>).</param>
    /// <param name="log">Receives log lines: one per epoch, <c>epoch 3/10 step 1407 loss 0.4123 acc 0.8512 val_loss … val_acc … lr 0.01 img/s 2345</c>, and notes.</param>
    /// <param name="cancellationToken">Stops the run before the next batch.</param>
    /// <exception cref="ArgumentException">The data does not fit the model (channels, size, labels), or the settings are invalid.</exception>
    /// <exception cref="InvalidOperationException">The checkpoint directory holds a checkpoint of another architecture, class count or input shape.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; the last good checkpoint is kept.</exception>
    public static TrainingResult Run(
        NormalizedClassifier model,
        IBatchSource train,
        IBatchSource? validation,
        TrainingSettings settings,
        Func<Tensor, Generator, Tensor>? augment = null,
        IProgress<EpochMetrics>? progress = null,
        Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        CheckData(model, train, nameof(train));
        if (validation is not null)
        {
            CheckData(model, validation, nameof(validation));
            if (validation.ChannelsHeightWidth != train.ChannelsHeightWidth)
                throw new ArgumentException($"The validation images are {validation.ChannelsHeightWidth}, the training images {train.ChannelsHeightWidth}; they must match.", nameof(validation));
        }
        return new TrainingRun(model, train, validation, settings, augment, progress, log, cancellationToken).Execute();
    }

    private static void CheckData(NormalizedClassifier model, IBatchSource data, string paramName)
    {
        if (data.Count < 1) throw new ArgumentException($"The {paramName} data holds no images.", paramName);
        var shape = data.ChannelsHeightWidth;
        var cnn = model.Model;
        if (shape.Channels != cnn.Options.InChannels)
            throw new ArgumentException($"'{cnn.Spec.Name}' was built for {cnn.Options.InChannels} input channel(s), but the {paramName} images are {shape}.", paramName);
        var constraint = cnn.Constraint;
        var side = Math.Min(shape.Height, shape.Width);
        if ((constraint.ExactSize is int exact && (shape.Height != exact || shape.Width != exact)) || side < constraint.MinSize
            || (constraint.MaxSize is int max && Math.Max(shape.Height, shape.Width) > max))
            throw new ArgumentException($"'{cnn.Spec.Name}' as built accepts {Describe(constraint)} inputs, but the {paramName} images are {shape}. Resize the images or build the model for this size.", paramName);
        if (data is TensorStore store && store.Labels.Count > 0)
        {
            var (low, high) = (store.Labels.Min(), store.Labels.Max());
            if (low < 0 || high >= cnn.NumClasses)
                throw new ArgumentException($"The {paramName} labels run from {low} to {high}, but '{cnn.Spec.Name}' has {cnn.NumClasses} classes (labels 0…{cnn.NumClasses - 1}).", paramName);
        }
    }

    private static string Describe(CnnZoo.Architectures.InputConstraint constraint) =>
        constraint.ExactSize is int exact ? $"only {exact}×{exact}"
        : constraint.MaxSize is int max ? $"{constraint.MinSize}×{constraint.MinSize} to {max}×{max}"
        : $"{constraint.MinSize}×{constraint.MinSize} or larger";
}
