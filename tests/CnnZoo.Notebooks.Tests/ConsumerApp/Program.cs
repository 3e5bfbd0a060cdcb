// A business app as a user writes it, built by ConsumerAppTests against the packed CnnZoo packages on ML.NET 6.
//   train <model.zip>     LeNet-5 on 300 Fashion-MNIST images through an ordinary ML.NET pipeline; saves the model
//   predict <model.zip>   loads the model in a fresh process and predicts the first test images with a PredictionEngine
using CnnZoo.MLNet;
using CnnZoo.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 1);
switch (args)
{
    case ["train", var path]:
    {
        var train = CnnZooData.LoadFashionMnist(ml, "train", maxRows: 300);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn("lenet5", epochs: 1, batchSize: 32))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(train);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(train));
        ml.Model.Save(model, train.Schema, path);
        Console.WriteLine($"trained: accuracy {metrics.MacroAccuracy:F3}");
        return 0;
    }
    case ["predict", var path]:
    {
        var model = ml.Model.Load(path, out _);
        using var engine = ml.Model.CreatePredictionEngine<Image, Prediction>(model);
        var test = ml.Data.CreateEnumerable<Image>(CnnZooData.LoadFashionMnist(ml, "test", maxRows: 5), reuseRowObject: false);
        foreach (var image in test)
        {
            var prediction = engine.Predict(image);
            Console.WriteLine($"predicted: {prediction.PredictedLabel} (true: {image.Label}, p = {prediction.Score.Max():F3})");
        }
        return 0;
    }
    default:
        Console.Error.WriteLine("usage: train <model.zip> | predict <model.zip>");
        return 2;
}

internal sealed class Image
{
    public string Label { get; set; } = "";

    [VectorType(1, 28, 28)]
    public float[] Features { get; set; } = [];
}

internal sealed class Prediction
{
    public string PredictedLabel { get; set; } = "";
    public float[] Score { get; set; } = [];
}
