using CnnZoo.MLNet.Augmentation;
using CnnZoo.MLNet.Bridge;
using CnnZoo.MLNet.Scoring;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet;

/// <summary>
/// ML.NET catalog entries for CnnZoo: the CNN trainer, training-time augmentation and the CNN featurizer.
/// </summary>
public static class CnnZooCatalog
{
    /// <summary>
    /// Trains a zoo CNN as a multiclass classifier. Unset training options follow the architecture's paper recipe
    /// (<see cref="TrainingPresets.NameFor"/>).
    /// </summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="architecture">Registry name: <c>lenet5</c>, <c>alexnet</c>, <c>vgg16</c>, <c>googlenet</c>, <c>resnet18</c>, <c>resnet20_cifar</c> …</param>
    /// <param name="labelColumnName">Key-typed label column.</param>
    /// <param name="featureColumnName">Image column: <c>Vector&lt;Single, C, H, W&gt;</c>, <c>Image</c>, <c>VarVector&lt;Byte&gt;</c> of encoded images, or a fixed-length vector of planar C×S×S pixels.</param>
    /// <param name="epochs">Passes over the training data.</param>
    /// <param name="batchSize">Images per step; null = the recipe's.</param>
    /// <param name="learningRate">Initial learning rate; null = the recipe's.</param>
    /// <param name="validationFraction">Share of the training data held out for validation (0 = none).</param>
    /// <param name="pretrained">Start from these weights with a new head (transfer learning, the <c>finetune</c> recipe); null trains from scratch.</param>
    /// <remarks>
    /// <list type="table">
    /// <listheader><term>Column</term><description>Type</description></listheader>
    /// <item><term>input: label</term><description>Key (<c>MapValueToKey</c>).</description></item>
    /// <item><term>input: features</term><description><c>Vector&lt;Single, C, H, W&gt;</c>, <c>Image</c>, <c>VarVector&lt;Byte&gt;</c> (encoded), or a flat vector of planar C×S×S pixels.</description></item>
    /// <item><term>output: Score</term><description><c>Vector&lt;Single, K&gt;</c> probabilities.</description></item>
    /// <item><term>output: PredictedLabel</term><description>Key with the label's values.</description></item>
    /// </list>
    /// </remarks>
    public static CnnTrainer Cnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string architecture,
        string labelColumnName = MlNetNames.Label,
        string featureColumnName = MlNetNames.Features,
        int epochs = 10,
        int? batchSize = null,
        double? learningRate = null,
        double validationFraction = 0,
        CnnZoo.Architectures.Weights.PretrainedWeights? pretrained = null)
        => catalog.Cnn(new CnnTrainer.Options
        {
            Architecture = architecture, LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName,
            Epochs = epochs, BatchSize = batchSize, LearningRate = learningRate, ValidationFraction = validationFraction,
            Pretrained = pretrained,
        });

    /// <summary>Trains a zoo CNN as a multiclass classifier with every option available (see <see cref="CnnTrainer.Options"/>).</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">Architecture, columns, recipe, validation, checkpoints, device, progress, cancellation.</param>
    public static CnnTrainer Cnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, CnnTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CnnTrainer(MlNetEnvironment.Of(catalog), options);
    }

    /// <summary>
    /// Marks an image column for training-time augmentation, e.g. <c>a =&gt; a.RandomCrop(32, padding: 4).HorizontalFlip()</c>.
    /// The CNN trainer applies it to each training batch; scoring data passes through unchanged.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="columnName">The image column the trainer reads.</param>
    /// <param name="configure">Adds augmentation ops in order.</param>
    public static AugmentationEstimator CnnZooAugment(this TransformsCatalog catalog, string columnName, Func<AugmentationBuilder, AugmentationBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(columnName);
        return new AugmentationEstimator(MlNetEnvironment.Of(catalog), columnName, AugmentationPolicy.Create(configure));
    }

    /// <summary>
    /// A featurizer from a trained CNN: outputs the penultimate features (<c>ForwardFeatures</c>) of the model's image
    /// column as <c>Vector&lt;Single, F&gt;</c>, for other ML.NET trainers (SDCA, LightGBM …). The fitted featurizer
    /// holds its own copy of the network.
    /// </summary>
    /// <remarks>
    /// <list type="table">
    /// <listheader><term>Column</term><description>Type</description></listheader>
    /// <item><term>input</term><description>The image column the CNN was trained on.</description></item>
    /// <item><term>output</term><description><c>Vector&lt;Single, F&gt;</c>, F = the model's <c>NumFeatures</c> (84 for LeNet-5, 512 for ResNet-18 …).</description></item>
    /// </list>
    /// </remarks>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="trainedModel">A trained CNN (from <c>Trainers.Cnn</c> or a loaded model).</param>
    /// <param name="outputColumnName">Name of the features column.</param>
    public static CnnFeaturizerEstimator CnnFeaturize(this TransformsCatalog catalog, CnnTransformer trainedModel, string outputColumnName = "CnnFeatures")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(trainedModel);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        return new CnnFeaturizerEstimator(MlNetEnvironment.Of(catalog), trainedModel, outputColumnName);
    }

    /// <summary>
    /// A featurizer straight from pretrained weights, with no CNN training: the drop-in for ML.NET's
    /// <c>DnnFeaturizeImage</c>, e.g. <c>ml.Transforms.CnnFeaturize("resnet18_mlnet", MlNetResNet18.Weights())</c>.
    /// Outputs the network's pooled penultimate features of the image column; the weights' input normalisation (or raw
    /// pixels when they declare none) is part of the featurizer, which saves and loads with the model file.
    /// </summary>
    /// <remarks>
    /// <list type="table">
    /// <listheader><term>Column</term><description>Type</description></listheader>
    /// <item><term>input</term><description><c>Vector&lt;Single, C, H, W&gt;</c> (ExtractPixels, 0–255), <c>Image</c>, or <c>VarVector&lt;Byte&gt;</c> of encoded images (resized to <paramref name="imageSize"/>).</description></item>
    /// <item><term>output</term><description><c>Vector&lt;Single, F&gt;</c>, F = the architecture's feature count (512 for ResNet-18).</description></item>
    /// </list>
    /// </remarks>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="architecture">Registry name of the network the weights are for.</param>
    /// <param name="weights">The pretrained weights (their head, if any, is not used).</param>
    /// <param name="inputColumnName">The image column.</param>
    /// <param name="outputColumnName">Name of the features column.</param>
    /// <param name="imageSize">Side encoded images are resized to (default: the architecture's canonical size).</param>
    public static CnnFeaturizerEstimator CnnFeaturize(this TransformsCatalog catalog, string architecture, CnnZoo.Architectures.Weights.PretrainedWeights weights,
        string inputColumnName = MlNetNames.Features, string outputColumnName = "CnnFeatures", int? imageSize = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        if (!CnnZoo.Architectures.ModelZoo.TryGet(architecture ?? "", out _))
            throw new ArgumentOutOfRangeException(nameof(architecture), architecture, $"Unknown architecture '{architecture}'. Known: {string.Join(", ", CnnZoo.Architectures.ModelZoo.Names)}.");
        var env = MlNetEnvironment.Of(catalog);
        return new CnnFeaturizerEstimator(env, inputColumnName, schema => PretrainedNetwork.Build(env, architecture!, weights, schema, inputColumnName, imageSize), outputColumnName, scoringBatchSize: 64);
    }

    /// <summary>
    /// Composites transparent pixels of an image column on <paramref name="background"/> (white when null), for training
    /// and scoring alike: product cut-outs, logos and clip art then look as on a page, not on black as
    /// <c>ExtractPixels</c> alone reads them. Place it after <c>LoadImages</c>/<c>ResizeImages</c> and before <c>ExtractPixels</c>.
    /// </summary>
    /// <remarks>
    /// <list type="table">
    /// <listheader><term>Column</term><description>Type</description></listheader>
    /// <item><term>input</term><description><c>Image</c> (32-bit BGRA or RGBA).</description></item>
    /// <item><term>output</term><description><c>Image</c> of the same size, every pixel opaque.</description></item>
    /// </list>
    /// </remarks>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The composited image column.</param>
    /// <param name="inputColumnName">The image column read; null = <paramref name="outputColumnName"/> (replace it).</param>
    /// <param name="background">The colour behind the image; null = <see cref="Images.BackgroundColor.White"/>.</param>
    public static Images.ImageBackgroundEstimator CnnZooCompositeOnBackground(this TransformsCatalog catalog, string outputColumnName,
        string? inputColumnName = null, Images.BackgroundColor? background = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        return new Images.ImageBackgroundEstimator(MlNetEnvironment.Of(catalog), outputColumnName, inputColumnName ?? outputColumnName, background ?? Images.BackgroundColor.White);
    }
}
