using CnnZoo.MLNet;
using CnnZoo.MLNet.Training;
using Microsoft.ML;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>
/// Trains <see cref="MlNetBenchSettings.MemoryModel"/> for <see cref="MlNetBenchSettings.MemoryEpochs"/> short epochs
/// (SGD, constant rate, no validation) and, from the trainer's progress callback at the end of every epoch, takes a
/// <see cref="MemorySnapshot"/> after full garbage collections. Flat memory: the resident set grows less than 2% from
/// epoch 2 to the last epoch.
/// </summary>
public static class MemoryFlatnessBench
{
    /// <summary>Runs the memory training on <paramref name="data"/>.</summary>
    public static MemoryFlatnessResult Run(MLContext ml, BenchDataset data, MlNetBenchSettings settings, int batch, Action<string> status)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(status);
        var snapshots = new List<MemorySnapshot>();
        var options = new CnnTrainer.Options
        {
            Architecture = MlNetBenchSettings.MemoryModel,
            Epochs = settings.MemoryEpochs,
            BatchSize = batch,
            LearningRate = settings.LearningRate,
            Optimizer = OptimizerKind.Sgd,
            Momentum = MlNetBenchSettings.Momentum,
            WeightDecay = 0,
            Schedule = LearningRateSchedule.Constant,
            WarmupEpochs = 0,
            LabelSmoothing = 0,
            Seed = settings.Seed,
            Progress = new Recorder(snapshots, settings.MemoryEpochs, status),
        };
        status($"memory: {MlNetBenchSettings.MemoryModel}, {settings.MemoryEpochs} epochs of {data.Count} rows …");
        using var model = ml.MulticlassClassification.Trainers.Cnn(options).Fit(data.Keyed);
        if (snapshots.Count != settings.MemoryEpochs)
            throw new InvalidOperationException($"The memory run reported {snapshots.Count} of {settings.MemoryEpochs} epochs.");
        return new MemoryFlatnessResult(MlNetBenchSettings.MemoryModel, data.Count, batch, snapshots);
    }

    /// <summary>Called on the training thread: one snapshot per finished epoch.</summary>
    private sealed class Recorder(List<MemorySnapshot> snapshots, int epochs, Action<string> status) : IProgress<EpochMetrics>
    {
        public void Report(EpochMetrics value)
        {
            if (!value.IsEpochEnd) return;
            snapshots.Add(MemorySnapshot.Take($"epoch {value.Epoch}", collect: true));
            status($"memory: epoch {value.Epoch}/{epochs} …");
        }
    }
}
