using CnnZoo.MLNet;
using CnnZoo.MLNet.Training;
using CnnZoo.Onnx.Pretrained;
using Microsoft.ML;
using Microsoft.ML.Transforms.Image;

namespace CnnZoo.Benchmarks.Transfer;

/// <summary>
/// Each recipe as the ML.NET pipeline a user would write: image files in (<c>ImagePath</c>, <c>Label</c>), a key label and
/// a multiclass predictor out. The anchor is written as ML.NET's DnnFeaturizeImage sample writes it.
/// </summary>
public static class TransferPipelines
{
    /// <summary>The side ML.NET's ResNet-18 graph is fixed at.</summary>
    public const int AnchorSize = 224;

    private const string Image = "Image", Pixels = "Pixels", Features = "Features", Label = "Label";

    /// <summary>The image side <paramref name="recipe"/> feeds its network.</summary>
    public static int InputSize(TransferRecipe recipe, TransferTask task, TransferBenchSettings settings) => recipe switch
    {
        TransferRecipe.MlNetFeaturizer or TransferRecipe.CnnZooFeaturizerAnchorPreprocessing => AnchorSize,
        TransferRecipe.LeNet5FromScratch => task.Grey ? 28 : 32,
        _ => settings.InputSize,
    };

    /// <summary>The untrained pipeline of <paramref name="recipe"/> on <paramref name="task"/>.</summary>
    public static IEstimator<ITransformer> Create(MLContext ml, TransferRecipe recipe, TransferTask task, TransferBenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var size = InputSize(recipe, task, settings);
        var label = ml.Transforms.Conversion.MapValueToKey(Label);
        return recipe switch
        {
            TransferRecipe.MlNetFeaturizer => label
                .Append(ml.Transforms.LoadImages(Image, null, nameof(LabeledImage.ImagePath)))
                .Append(ml.Transforms.ResizeImages(Image, size, size))
                .Append(ml.Transforms.ExtractPixels(Pixels, Image))
                .Append(ml.Transforms.DnnFeaturizeImage(Features, m => m.ModelSelector.ResNet18(ml, m.OutputColumn, m.InputColumn), Pixels))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(Label, Features)),
            TransferRecipe.CnnZooFeaturizerAnchorPreprocessing => label
                .Append(ml.Transforms.LoadImages(Image, null, nameof(LabeledImage.ImagePath)))
                .Append(ml.Transforms.ResizeImages(Image, size, size))
                .Append(ml.Transforms.ExtractPixels(Pixels, Image))
                .Append(ml.Transforms.CnnFeaturize(MlNetResNet18.Architecture, MlNetResNet18.Weights(), Pixels, Features))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(Label, Features)),
            TransferRecipe.CnnZooFeaturizerHead => label
                .Append(CnnZooPixels(ml, size))
                .Append(ml.Transforms.CnnFeaturize(MlNetResNet18.Architecture, MlNetResNet18.Weights(), Pixels, Features))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(Label, Features)),
            TransferRecipe.CnnZooFineTuned => label
                .Append(CnnZooPixels(ml, size))
                .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnTrainer.Options
                {
                    Architecture = MlNetResNet18.Architecture, FeatureColumnName = Pixels, Seed = settings.Seed,
                    Pretrained = MlNetResNet18.Weights(), Epochs = settings.FineTuneEpochs,
                })),
            TransferRecipe.ResNet18FromScratch => label
                .Append(CnnZooPixels(ml, size))
                .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnTrainer.Options
                {
                    Architecture = MlNetResNet18.Architecture, FeatureColumnName = Pixels, Seed = settings.Seed,
                    Preset = TrainingPresets.AdamWCosine, Epochs = settings.ScratchEpochs, BatchSize = 32,
                })),
            TransferRecipe.LeNet5FromScratch => label
                .Append(ml.Transforms.LoadImages(Image, null, nameof(LabeledImage.ImagePath)))
                .Append(ml.Transforms.ResizeImages(Image, size, size))
                .Append(ml.Transforms.CnnZooCompositeOnBackground(Image))
                .Append(ml.Transforms.ExtractPixels(Pixels, Image, task.Grey ? ImagePixelExtractingEstimator.ColorBits.Red : ImagePixelExtractingEstimator.ColorBits.Rgb))
                .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnTrainer.Options
                {
                    Architecture = "lenet5", FeatureColumnName = Pixels, Seed = settings.Seed, Epochs = settings.LeNetEpochs, BatchSize = 32,
                    Preset = TrainingPresets.AdamWCosine,
                })),
            _ => throw new ArgumentOutOfRangeException(nameof(recipe), recipe, "Unknown recipe."),
        };
    }

    // CnnZoo's preprocessing: transparent pixels on white, RGB 0–255 at the bench's size.
    private static IEstimator<ITransformer> CnnZooPixels(MLContext ml, int size) =>
        ml.Transforms.LoadImages(Image, null, nameof(LabeledImage.ImagePath))
            .Append(ml.Transforms.ResizeImages(Image, size, size))
            .Append(ml.Transforms.CnnZooCompositeOnBackground(Image))
            .Append(ml.Transforms.ExtractPixels(Pixels, Image));
}
