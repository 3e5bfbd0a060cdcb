using CnnZoo.Architectures;
using CnnZoo.Architectures.Inference;
using CnnZoo.MLNet.Scoring;
using CnnZoo.MLNet.Training;
using CnnZoo.MLNet.Comparison;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>
/// Training and scoring in NHWC (channels-last): the trainer's default follows the architecture's measured layout, a
/// forced layout trains to the same model within float rounding, and a model trained channels-last saves, loads and
/// scores like any other, in either layout.
/// </summary>
[TestClass]
public sealed class ChannelsLastTrainingTests
{
    private const float Tolerance = 1e-4f;

    [TestMethod]
    public void AModelTrainedChannelsLastScoresSavesAndLoadsAsOneTrainedChannelsFirst()
    {
        using var folder = new TempFolder();
        var ml = new MLContext(seed: 1);
        var train = FashionMnist.Train(ml, 64);
        var test = FashionMnist.Test(ml, 40);
        // A small rate: at the preset's 0.1 the first steps of a fresh ResNet amplify the two layouts' float rounding
        // differences (1e-7 per op) to whole percents of probability; at 0.001 they stay near 1e-5.
        ITransformer Train(MemoryLayout layout) => ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnTrainer.Options { Architecture = "resnet20_cifar", Epochs = 1, BatchSize = 16, Seed = 7, LearningRate = 0.001, MemoryLayout = layout }))
            .Fit(train);

        var nhwcModel = Train(MemoryLayout.ChannelsLast);
        var nchwModel = Train(MemoryLayout.ChannelsFirst);
        try
        {
            Assert.AreEqual(MemoryLayout.ChannelsLast, Cnn(nhwcModel).MemoryLayout, "a forced channels-last is kept for scoring");
            Assert.AreEqual(MemoryLayout.ChannelsFirst, Cnn(nchwModel).MemoryLayout, "a forced layout is kept for scoring");
            var nhwcScores = FashionMnist.Scores(ml, nhwcModel, test);
            ScoreAssert.Close(FashionMnist.Scores(ml, nchwModel, test), nhwcScores, Tolerance, "trained channels-last vs channels-first");

            var path = folder.File("model.zip");
            ml.Model.Save(nhwcModel, train.Schema, path);
            var loaded = ml.Model.Load(path, out _);
            try
            {
                Assert.AreEqual(CnnZoo.Architectures.Inference.ChannelsLast.IsReliable ? MemoryLayout.ChannelsLast : MemoryLayout.ChannelsFirst,
                    Cnn(loaded).MemoryLayout, "a loaded model scores in the architecture's layout (channels-first where libtorch's NHWC fails its self-check)");
                ScoreAssert.Close(nhwcScores, FashionMnist.Scores(ml, loaded, test), Tolerance, "after save and load");
                Cnn(loaded).MemoryLayout = MemoryLayout.ChannelsFirst;
                ScoreAssert.Close(nhwcScores, FashionMnist.Scores(ml, loaded, test), Tolerance, "loaded and scored channels-first");
            }
            finally { (loaded as IDisposable)?.Dispose(); }
        }
        finally
        {
            (nhwcModel as IDisposable)?.Dispose();
            (nchwModel as IDisposable)?.Dispose();
        }
    }

    // SGD's momentum buffers are created at the first step; Adam's moments exist from the start and are read into in place.
    [TestMethod]
    [DataRow("resnet_cifar")]
    [DataRow("adamw_cosine")]
    public void AChannelsLastRunStoppedAfterItsCheckpointResumesToTheUninterruptedModel(string preset)
    {
        using var folder = new TempFolder();
        var ml = new MLContext(seed: 1);
        var train = FashionMnist.Train(ml, 48);
        var test = FashionMnist.Test(ml, 20);
        CnnTrainer.Options Options(int epochs, string? checkpoints, CancellationToken stop = default, IProgress<EpochMetrics>? progress = null) => new()
        {
            Architecture = "resnet20_cifar", Epochs = epochs, BatchSize = 16, Seed = 3, LearningRate = 0.001, Preset = preset,
            MemoryLayout = MemoryLayout.ChannelsLast, CheckpointDirectory = checkpoints, CancellationToken = stop, Progress = progress,
        };
        ITransformer Fit(CnnTrainer.Options options) =>
            ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Cnn(options)).Fit(train);

        var uninterrupted = Fit(Options(2, null));
        using var stop = new CancellationTokenSource();
        var checkpoints = folder.File("checkpoints");
        // Stopped once epoch 1's checkpoint (momentum buffers written NCHW, the only layout TorchSharp writes) is on disk.
        var first = Fit(Options(2, checkpoints, stop.Token, new SynchronousProgress<EpochMetrics>(m => { if (m.IsEpochEnd) stop.Cancel(); })));
        var resumed = Fit(Options(2, checkpoints));
        try
        {
            Assert.AreEqual(1, Cnn(first).TrainingResult!.EpochsCompleted);
            Assert.AreEqual(1, Cnn(resumed).TrainingResult!.ResumedFromEpoch, "the second run resumed from epoch 1's checkpoint");
            Assert.AreEqual(MemoryLayout.ChannelsLast, Cnn(resumed).MemoryLayout);
            ScoreAssert.Close(FashionMnist.Scores(ml, uninterrupted, test), FashionMnist.Scores(ml, resumed, test), Tolerance, "resumed vs uninterrupted");
        }
        finally
        {
            foreach (var model in new[] { uninterrupted, first, resumed }) (model as IDisposable)?.Dispose();
        }
    }

    [TestMethod]
    public void LeNetTrainsInItsMeasuredLayoutByDefault()
    {
        var ml = new MLContext(seed: 1);
        using var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnTrainer.Options { Architecture = "lenet5", Epochs = 1, BatchSize = 16 }))
            .Fit(FashionMnist.Train(ml, 32));
        Assert.AreEqual(ChannelsLast.IsReliable ? MemoryLayout.ChannelsLast : MemoryLayout.ChannelsFirst, model.LastTransformer.MemoryLayout,
            "the spec's channels-last, unless this libtorch's NHWC convolutions failed their self-check");
    }

    private static CnnTransformer Cnn(ITransformer model) => ((IEnumerable<ITransformer>)model).OfType<CnnTransformer>().Single();
}
