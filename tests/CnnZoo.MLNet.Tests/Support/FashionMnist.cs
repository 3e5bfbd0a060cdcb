using CnnZoo.MLNet.Data;
using Microsoft.ML;

namespace CnnZoo.MLNet.Tests;

/// <summary>The real Fashion-MNIST installed by eng/setup.sh (Debian's dataset-fashion-mnist), in small slices.</summary>
internal static class FashionMnist
{
    public const string Folder = "/usr/share/datasets/fashion-mnist";
    public static string TestImages => Path.Combine(Folder, "t10k-images-idx3-ubyte.gz");
    public static string TestLabels => Path.Combine(Folder, "t10k-labels-idx1-ubyte.gz");

    public static IDataView Train(MLContext ml, int rows) => CnnZooData.LoadFashionMnist(ml, "train", maxRows: rows);
    public static IDataView Test(MLContext ml, int rows) => CnnZooData.LoadFashionMnist(ml, "test", maxRows: rows);

    /// <summary>A small, fast LeNet-5 pipeline: key the label, train, map the prediction back to its name.</summary>
    public static IEstimator<ITransformer> LeNetPipeline(MLContext ml, CnnZoo.MLNet.Training.CnnTrainer.Options? options = null)
        => ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn(options ?? new CnnZoo.MLNet.Training.CnnTrainer.Options { Architecture = "lenet5", Epochs = 2, BatchSize = 32, LearningRate = 0.002 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    public static float[][] Scores(MLContext ml, ITransformer model, IDataView data) =>
        ml.Data.CreateEnumerable<ScoreRow>(model.Transform(data), reuseRowObject: false).Select(r => r.Score).ToArray();

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }
}
