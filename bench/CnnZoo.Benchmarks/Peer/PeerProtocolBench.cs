using System.Diagnostics;
using CnnZoo.Architectures;
using CnnZoo.MLNet;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.Benchmarks.Peer;

/// <summary>
/// A peer workload through CnnZoo's ML.NET face, in the peer's protocol: training through <c>Trainers.Cnn</c> (SGD
/// lr 0.01, momentum 0.9, constant rate, the workload's batch; warm-up steps untimed, then timed steps until
/// <c>max_measure_seconds</c> of timed work, at least 3) and inference through a batched <c>Transform</c> (every row's
/// <c>Score</c> read through a cursor; <c>ScoringBatchSize</c> = the workload's batch). Inputs are random N(0, 1), labels
/// random, as the peer's.
/// </summary>
/// <remarks>
/// Training steps are timed from the trainer's per-step progress reports (<c>ReportEverySteps = 1</c>, called on the
/// training thread after each optimiser step), so reading the data into the trainer's store and building the model are
/// outside the timing, as the peer's setup is. Inference is timed over whole cursors, which include ML.NET's row
/// handling: the cost an app pays.
/// </remarks>
public static class PeerProtocolBench
{
    /// <summary>Measures <paramref name="workload"/> and returns its record.</summary>
    /// <param name="workload">The workload.</param>
    /// <param name="maxMeasureSeconds">Timed work per phase after which it stops (at least 3 steps).</param>
    /// <param name="layout">The memory layout the trainer and scorer use.</param>
    /// <param name="seed">Seed of the data and the weights.</param>
    public static PeerRecord Run(PeerWorkload workload, double maxMeasureSeconds, MemoryLayout layout = MemoryLayout.Auto, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var ml = new MLContext(seed);
        var (channels, size) = (workload.Input[0], workload.Input[1]);
        if (workload.Input[1] != workload.Input[2]) throw new ArgumentException($"Workload '{workload.Name}': the zoo takes square inputs; got {string.Join("×", workload.Input)}.");
        var trainData = RandomImages(ml, workload.Batch * (workload.TrainWarmup + workload.TrainSteps), channels, size, workload.Classes, seed);

        var stepTimes = new List<double>();
        var losses = new List<double>();
        var clock = Stopwatch.StartNew();
        var timedSoFar = 0.0;
        var previousMean = 0.0;
        using var stop = new CancellationTokenSource();
        var options = new CnnTrainer.Options
        {
            Architecture = workload.Model, Epochs = 1, BatchSize = workload.Batch, Seed = seed, MemoryLayout = layout,
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.01, Momentum = 0.9, Nesterov = false, WeightDecay = 0,
            Schedule = LearningRateSchedule.Constant, WarmupEpochs = 0, LabelSmoothing = 0, ValidationFraction = 0,
            AuxiliaryClassifiers = false, ImageChannels = channels, ImageSize = size,
            ReportEverySteps = 1, CancellationToken = stop.Token, ScoringBatchSize = workload.Batch,
            Progress = new StepClock(metrics =>
            {
                if (metrics.IsEpochEnd) return;
                var elapsed = clock.Elapsed.TotalSeconds;
                clock.Restart();
                // The report holds the epoch's running mean; the step's own loss is what the mean moved by.
                var step = (int)metrics.Step;
                losses.Add(step * metrics.TrainLoss - (step - 1) * previousMean);
                previousMean = metrics.TrainLoss;
                if (metrics.Step <= workload.TrainWarmup) return; // the first report's interval also holds data reading and setup
                stepTimes.Add(elapsed);
                timedSoFar += elapsed;
                if (stepTimes.Count >= 3 && timedSoFar > maxMeasureSeconds) stop.Cancel();
            }),
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Cnn(options));
        using var model = pipeline.Fit(trainData);
        var cnn = model.LastTransformer;
        var usedLayout = cnn.MemoryLayout;

        // Inference: one warm-up cursor, then the timed cursor over infer_steps batches (fewer when the time runs out).
        var inferData = model.Transform(RandomImages(ml, workload.Batch * workload.InferSteps, channels, size, workload.Classes, seed + 1));
        var warmupData = model.Transform(RandomImages(ml, workload.Batch * Math.Max(workload.InferWarmup, 1), channels, size, workload.Classes, seed + 2));
        ReadScores(warmupData, int.MaxValue, maxMeasureSeconds);
        var (rows, seconds) = ReadScores(inferData, workload.Batch, maxMeasureSeconds);
        var (plain, folded) = ForwardOnly(cnn, workload, maxMeasureSeconds);

        return new PeerRecord
        {
            Framework = "cnnzoo", Workload = workload.Name,
            TrainImagesPerSecond = workload.Batch * stepTimes.Count / stepTimes.Sum(),
            InferImagesPerSecond = rows / seconds,
            TrainStepsTimed = stepTimes.Count, InferStepsTimed = (int)(rows / workload.Batch),
            Threads = TorchSharp.torch.get_num_threads(), Layout = usedLayout.ToString(),
            LossFirst = losses.Count > 0 ? losses[0] : double.NaN, LossLast = losses.Count > 0 ? losses[^1] : double.NaN,
            InferForwardImagesPerSecond = plain, InferFoldedForwardImagesPerSecond = folded,
        };
    }

    // The profile of the inference figure: the trained network's own eval forward (what the peer times) and the folded
    // copy's, on one tensor batch in the scoring layout, without ML.NET's rows. Medians of the timed passes.
    private static (double Plain, double Folded) ForwardOnly(CnnZoo.MLNet.Scoring.CnnTransformer cnn, PeerWorkload workload, double maxSeconds)
    {
        using var noGrad = TorchSharp.torch.no_grad();
        using var input = TorchSharp.torch.randn(workload.Batch, workload.Input[0], workload.Input[1], workload.Input[2]);
        using var batch = cnn.MemoryLayout == MemoryLayout.ChannelsLast ? CnnZoo.Architectures.Inference.ChannelsLast.Of(input) : input.alias();
        using var foldedModel = CnnZoo.Architectures.Inference.FusedInference.Create(cnn.Model);
        double Time(CnnZoo.Architectures.CnnModel model)
        {
            model.eval();
            var times = new List<double>();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < workload.InferWarmup + workload.InferSteps; i++)
            {
                var step = Stopwatch.StartNew();
                using (var scope = TorchSharp.torch.NewDisposeScope()) model.call(batch)[0, 0].item<float>();
                if (i >= workload.InferWarmup) times.Add(step.Elapsed.TotalSeconds);
                if (times.Count >= 3 && clock.Elapsed.TotalSeconds > maxSeconds) break;
            }
            times.Sort();
            return workload.Batch / times[times.Count / 2];
        }
        return (Time(cnn.Model), Time(foldedModel));
    }

    // Reads every Score; stops at a batch boundary once the time is spent (at least 3 batches). Returns rows and seconds.
    private static (long Rows, double Seconds) ReadScores(IDataView scored, int batch, double maxSeconds)
    {
        var column = scored.Schema["Score"];
        var clock = Stopwatch.StartNew();
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var value = default(VBuffer<float>);
        long rows = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            rows++;
            if (rows % batch == 0 && rows / batch >= 3 && clock.Elapsed.TotalSeconds > maxSeconds) break;
        }
        return (rows, clock.Elapsed.TotalSeconds);
    }

    private sealed class Row
    {
        public uint Label { get; set; }
        public float[] Features { get; set; } = [];
    }

    private static IDataView RandomImages(MLContext ml, int rows, int channels, int size, int classes, int seed)
    {
        var random = new Random(seed);
        var length = channels * size * size;
        var data = new List<Row>(rows);
        for (var i = 0; i < rows; i++)
        {
            var pixels = new float[length];
            for (var j = 0; j < length; j++) pixels[j] = (float)Gaussian(random);
            data.Add(new Row { Label = (uint)random.Next(classes), Features = pixels });
        }
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, channels, size, size);
        return ml.Data.LoadFromEnumerable(data, schema);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    // Progress<T> would post to the thread pool; this runs on the training thread, right after the step.
    private sealed class StepClock(Action<EpochMetrics> onReport) : IProgress<EpochMetrics>
    {
        public void Report(EpochMetrics value) => onReport(value);
    }
}
