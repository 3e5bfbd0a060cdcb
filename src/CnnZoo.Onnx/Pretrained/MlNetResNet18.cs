using CnnZoo.Architectures;
using CnnZoo.Onnx.Import;

namespace CnnZoo.Onnx.Pretrained;

/// <summary>
/// ImageNet-pretrained ResNet-18 with no download: the weights ML.NET's <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>
/// package (MIT) ships as ONNX, loaded into the zoo's <c>resnet18_mlnet</c> (CNTK's [2,2,2,3] layout).
/// </summary>
/// <remarks>
/// The graph ends at the pooled 512-d features, so <see cref="CnnModel.ForwardFeatures"/> is pretrained and the
/// classifier is not. The weights expect BGR pixels in 0–255 minus a mean image (<see cref="PretrainedModel.Input"/>);
/// they are loaded as the file has them rather than folded into conv1, because a spatially varying mean image cannot
/// become a bias, and unchanged weights export back to the same ONNX.
/// </remarks>
public static class MlNetResNet18
{
    /// <summary>The registry name of the architecture these weights fit.</summary>
    public const string Architecture = "resnet18_mlnet";

    /// <summary>The NuGet package that ships the weights.</summary>
    public const string PackageId = DnnImageFeaturizerPackage.Id;

    /// <summary>The package version whose folder layout this reads.</summary>
    public const string PackageVersion = DnnImageFeaturizerPackage.Version;

    /// <summary>
    /// Builds <c>resnet18_mlnet</c> with <paramref name="options"/> (e.g. <c>NumClasses</c> for the fresh classifier) and loads
    /// the package's weights, found in the app's output folder (<c>DnnImageModels/</c>) or the NuGet global packages folder.
    /// </summary>
    /// <exception cref="FileNotFoundException">The package is not restored; the message gives the PackageReference to add.</exception>
    /// <exception cref="InvalidDataException">A file is truncated, corrupt or has another graph.</exception>
    public static PretrainedModel Load(ModelOptions? options = null)
    {
        var (model, preprocess) = DnnImageFeaturizerPackage.Locate(AppContext.BaseDirectory, DnnImageFeaturizerPackage.GlobalPackagesFolder());
        return LoadFrom(model, preprocess, options);
    }

    /// <summary>As <see cref="Load"/>, from the given <c>ResNet18.onnx</c> and <c>ResNetPreprocess.onnx</c>.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is truncated, corrupt or has another graph.</exception>
    public static PretrainedModel LoadFrom(string modelPath, string preprocessPath, ModelOptions? options = null)
    {
        var input = PreprocessGraphReader.Read(preprocessPath);
        var model = ModelZoo.Create(Architecture, options);
        try
        {
            LoadInto(model, modelPath);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return new PretrainedModel(model, input, modelPath);
    }

    /// <summary>
    /// Loads the graph's weights into an existing <paramref name="model"/>, mapped by the graph's structure onto
    /// torchvision's keys and checked strictly: every tensor both ways, every shape. On any failure the model is unchanged.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is unreadable or not a BasicBlock ResNet graph.</exception>
    /// <exception cref="Architectures.Weights.StateDictMismatchException">The graph does not fit <paramref name="model"/> (e.g. a stock [2,2,2,2] resnet18); the message lists the keys.</exception>
    public static void LoadInto(CnnModel model, string modelPath) => OnnxWeightsImport.LoadInto(model, modelPath);

    /// <summary>
    /// The package's ImageNet weights as starting weights for fine-tuning <c>resnet18_mlnet</c> in an ML.NET pipeline
    /// (<c>CnnTrainer.Options.Pretrained</c>): they take RGB 0–255 pixels, as <c>ExtractPixels</c> gives them. Read when
    /// training starts; the same errors as <see cref="Load"/>.
    /// </summary>
    public static Architectures.Weights.PretrainedWeights Weights() => new ImageNetResNet18Weights(() => Load());
}
