using System.Diagnostics;
using System.Globalization;
using CnnZoo.Architectures;
using CnnZoo.Cli.Data;
using CnnZoo.Cli.Rendering;
using CnnZoo.MLNet;
using CnnZoo.MLNet.Training;
using Microsoft.ML;

namespace CnnZoo.Cli.Commands;

/// <summary>
/// <c>cnnzoo train</c>: the main job. Loads a dataset, trains a zoo CNN through an ordinary ML.NET pipeline with a
/// progress bar, evaluates it on the test split (metrics table and confusion matrix) and saves the model zip.
/// </summary>
public sealed class TrainCommand : ICliCommand
{
    /// <summary>Epochs when training from scratch and <c>--epochs</c> is not given.</summary>
    public const int ScratchEpochs = 12;

    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = new DatasetArguments();
        var transfer = new PretrainedArguments();
        var model = new Option<string>("--model", "-m") { Description = "Architecture (see 'cnnzoo list').", DefaultValueFactory = _ => "lenet5" };
        var epochs = new Option<int?>("--epochs", "-e") { Description = $"Passes over the training data (default: {ScratchEpochs}; with --pretrained, the {TrainingPresets.FineTune} preset's)." };
        var batch = new Option<int?>("--batch-size", "-b") { Description = "Images per step (default: the recipe's)." };
        var rate = new Option<double?>("--lr") { Description = "Initial learning rate (default: the recipe's)." };
        var preset = new Option<string?>("--preset") { Description = $"Training recipe: {string.Join(", ", TrainingPresets.Names)} (default: the architecture's)." };
        var augment = new Option<bool>("--augment") { Description = "Train with random crops (padding 1/8 of the side) and horizontal flips." };
        var validation = new Option<double>("--validation-fraction") { Description = "Hold out this share of the training rows for validation.", DefaultValueFactory = _ => 0 };
        var imageSize = new Option<int?>("--image-size") { Description = $"Side images are resized to, for image-file datasets (default: the architecture's canonical size; with --pretrained {TrainingPresets.FineTuneImageSize}, composited on white)." };
        var checkpoints = new Option<string?>("--checkpoints") { Description = "Write a checkpoint after every epoch here and resume from it." };
        var seed = new Option<int>("--seed") { Description = "Seed: same seed, same model on CPU.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output", "-o") { Description = "Where to save the trained model (an ML.NET model zip).", DefaultValueFactory = _ => "model.zip" };
        var command = new Command("train", "Train a CNN on a dataset through an ML.NET pipeline, evaluate it on the test split and save the model.");
        data.AddTo(command);
        transfer.AddTo(command);
        foreach (var option in new Option[] { model, epochs, batch, rate, preset, augment, validation, imageSize, checkpoints, seed, output }) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            var spec = ModelArguments.FindSpec(parsed.GetValue(model) ?? "lenet5");
            var ml = new MLContext(parsed.GetValue(seed));
            var watch = Stopwatch.StartNew();
            var pretrained = transfer.GetWeights(parsed, spec.Name);
            // With pretrained weights, image files take the transfer recipe's size and white background.
            var dataset = data.Load(ml, parsed, parsed.GetValue(seed), pretrained is null ? null : parsed.GetValue(imageSize) ?? TrainingPresets.FineTuneImageSize);
            var options = new CnnTrainer.Options
            {
                Architecture = spec.Name, FeatureColumnName = dataset.FeatureColumn, Epochs = parsed.GetValue(epochs) ?? (pretrained is null ? ScratchEpochs : null),
                BatchSize = parsed.GetValue(batch), LearningRate = parsed.GetValue(rate), Preset = parsed.GetValue(preset),
                ValidationFraction = parsed.GetValue(validation), ImageSize = parsed.GetValue(imageSize),
                CheckpointDirectory = parsed.GetValue(checkpoints), Seed = parsed.GetValue(seed), ReportEverySteps = 20,
                Pretrained = pretrained, FineTune = transfer.GetFineTuning(parsed),
            };
            var trainRows = dataset.Train.GetRowCount() ?? 0;
            var settings = Usage(() => options.ToSettings(options.Seed!.Value));
            var pipeline = dataset.Preprocessing;
            if (parsed.GetValue(augment))
            {
                var side = AugmentationSide(dataset, spec, options);
                pipeline = pipeline.Append(ml.Transforms.CnnZooAugment(dataset.FeatureColumn, a => a.RandomCrop(side, padding: Math.Max(1, side / 8)).HorizontalFlip()));
            }
            var stepsPerEpoch = (long)Math.Ceiling(trainRows * (1 - options.ValidationFraction) / settings.BatchSize);
            using var trained = TrainingProgressDisplay.Run(context, spec.Name, settings.Epochs, stepsPerEpoch, progress =>
            {
                options.Progress = progress;
                return pipeline.Append(ml.MulticlassClassification.Trainers.Cnn(options))
                    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
                    .Fit(dataset.Train);
            });
            var trainTime = watch.Elapsed;
            var metrics = TestSetEvaluation.Evaluate(ml, trained.Transform(dataset.Test));
            var path = Path.GetFullPath(parsed.GetValue(output) ?? "model.zip");
            ml.Model.Save(trained, dataset.Train.Schema, path);

            var table = MetricsTable.From(metrics, $"{spec.Name} on {dataset.Name} (test split)");
            table.Footer.Add(string.Create(CultureInfo.InvariantCulture, $"training + data loading {trainTime.TotalSeconds:F1} s, total {watch.Elapsed.TotalSeconds:F1} s"));
            table.Footer.Add($"model saved to {path}");
            TabularWriter.Write(context, table, OutputFormat.Table);
            context.Out.WriteLine();
            context.Out.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());
            return ExitCodes.Success;
        });
        return command;
    }

    // Vector data has its own size; image files are resized to --image-size or the canonical size.
    private static int AugmentationSide(LoadedDataset dataset, ModelSpec spec, CnnTrainer.Options options)
    {
        var type = dataset.Train.Schema[dataset.FeatureColumn].Type;
        return type is Microsoft.ML.Data.VectorDataViewType { Dimensions.Length: 3 } vector ? vector.Dimensions[1] : options.ImageSize ?? spec.CanonicalInputSize;
    }

    private static T Usage<T>(Func<T> validate)
    {
        try { return validate(); }
        catch (ArgumentException ex) { throw new CliUsageException(CliUsageException.CleanMessage(ex), ex); }
    }
}
