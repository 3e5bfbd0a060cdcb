// Commands (each prints one line of results on stdout):
//   score <model.zip> <idx-images> <idx-labels> <rows>      load a saved model and print every row's scores
//   train <checkpoint-dir> <epochs> <rows> <model.zip>      train LeNet-5 on Fashion-MNIST rows with per-epoch checkpoints, save the model
using System.Globalization;
using CnnZoo.MLNet;
using CnnZoo.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 7);
switch (args.FirstOrDefault())
{
    case "score":
    {
        var model = ml.Model.Load(args[1], out _);
        var data = CnnZooData.LoadIdx(ml, args[2], args[3], maxRows: int.Parse(args[4], CultureInfo.InvariantCulture));
        var scores = ml.Data.CreateEnumerable<Scored>(model.Transform(data), reuseRowObject: false);
        Console.WriteLine(string.Join(";", scores.Select(s => string.Join(",", s.Score.Select(v => v.ToString("R", CultureInfo.InvariantCulture))))));
        return 0;
    }
    case "train":
    {
        var data = CnnZooData.LoadFashionMnist(ml, "train", maxRows: int.Parse(args[3], CultureInfo.InvariantCulture));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnZoo.MLNet.Training.CnnTrainer.Options
            {
                Architecture = "lenet5", Epochs = int.Parse(args[2], CultureInfo.InvariantCulture), BatchSize = 32, LearningRate = 0.002,
                CheckpointDirectory = args[1], Progress = new Progress(),
            }));
        var model = pipeline.Fit(data);
        ml.Model.Save(model, data.Schema, args[4]);
        Console.WriteLine("trained");
        return 0;
    }
    default:
        Console.Error.WriteLine("usage: score <model.zip> <images> <labels> <rows> | train <checkpoints> <epochs> <rows> <model.zip>");
        return 2;
}

internal sealed class Scored
{
    public float[] Score { get; set; } = [];
}

// Announces each finished epoch so a test can kill the process at a known point.
internal sealed class Progress : IProgress<CnnZoo.MLNet.Training.EpochMetrics>
{
    public void Report(CnnZoo.MLNet.Training.EpochMetrics value)
    {
        if (value.IsEpochEnd) Console.WriteLine($"epoch {value.Epoch}");
    }
}
