using Microsoft.ML;
using CnnZoo.MLNet.Data.Readers;

namespace CnnZoo.MLNet.Data;

public static partial class CnnZooData
{
    /// <summary>The folder where Debian's <c>dataset-fashion-mnist</c> package installs Fashion-MNIST.</summary>
    public const string DefaultFashionMnistFolder = "/usr/share/datasets/fashion-mnist/";

    private const string FashionMnistInstallHint =
        "Install it with 'sudo apt-get install dataset-fashion-mnist' (Debian/Ubuntu), or download the IDX files from https://github.com/zalandoresearch/fashion-mnist and pass their folder.";

    private const string MnistInstallHint =
        "Pass the folder that holds the MNIST IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz; compressed or not).";

    /// <summary>
    /// Loads an IDX images file and its IDX labels file (the MNIST format) as a view with the columns
    /// <c>Label</c>, <c>LabelIndex</c> and <c>Features</c> (<c>Vector&lt;Single, 1, rows, columns&gt;</c>, values 0..255).
    /// </summary>
    /// <param name="ml">The ML.NET context the view will be used with.</param>
    /// <param name="imagesPath">The IDX images file (magic 0x00000803), gzip-compressed or raw (detected from the content).</param>
    /// <param name="labelsPath">The IDX labels file (magic 0x00000801), gzip-compressed or raw.</param>
    /// <param name="classNames">Class names by label value; when null, the label value itself ("0", "1", …) is the name.</param>
    /// <param name="maxRows">Keep only the first N images; null keeps all.</param>
    /// <returns>The images and labels as an in-memory <see cref="IDataView"/>.</returns>
    /// <exception cref="InvalidDataException">A magic number, size, image/label count or file length is wrong, or a label has no class name.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public static IDataView LoadIdx(MLContext ml, string imagesPath, string labelsPath, IReadOnlyList<string>? classNames = null, int? maxRows = null)
    {
        CheckArguments(ml, maxRows);
        ArgumentException.ThrowIfNullOrWhiteSpace(imagesPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelsPath);
        return PixelDatasetView.Create(IdxDatasetLoader.Load(imagesPath, labelsPath, classNames, maxRows));
    }

    /// <summary>
    /// Loads a split of MNIST from a folder holding its standard IDX files
    /// (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>,
    /// each optionally ending in <c>.gz</c>). Labels are "0" … "9"; features are <c>Vector&lt;Single, 1, 28, 28&gt;</c>.
    /// </summary>
    /// <param name="ml">The ML.NET context the view will be used with.</param>
    /// <param name="folder">The folder holding the IDX files (first, as for <see cref="LoadCifar10"/>: it has no default).</param>
    /// <param name="split">"train" (60,000 images) or "test" (10,000 images).</param>
    /// <param name="maxRows">Keep only the first N images; null keeps all.</param>
    /// <returns>The split as an in-memory <see cref="IDataView"/>; see <see cref="CnnZooData"/> for the columns.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The split's files are not in the folder.</exception>
    public static IDataView LoadMnist(MLContext ml, string folder, string split = "train", int? maxRows = null)
    {
        CheckArguments(ml, maxRows);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var (images, labels) = MnistFiles.Find(folder, DatasetSplit.IsTrain(split), "MNIST", MnistInstallHint);
        return LoadIdx(ml, images, labels, WellKnownClassNames.Mnist, maxRows);
    }

    /// <summary>
    /// Loads a split of Fashion-MNIST (Zalando's 28×28 grey clothing images, 10 classes) from its standard IDX files,
    /// by default from <see cref="DefaultFashionMnistFolder"/>. Labels are the class names of
    /// <see cref="FashionMnistClassNames"/>; features are <c>Vector&lt;Single, 1, 28, 28&gt;</c>.
    /// </summary>
    /// <param name="ml">The ML.NET context the view will be used with.</param>
    /// <param name="split">"train" (60,000 images) or "test" (10,000 images).</param>
    /// <param name="folder">The folder holding the IDX files; null for <see cref="DefaultFashionMnistFolder"/>.</param>
    /// <param name="maxRows">Keep only the first N images; null keeps all.</param>
    /// <returns>The split as an in-memory <see cref="IDataView"/>; see <see cref="CnnZooData"/> for the columns.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist (the message says how to install the dataset).</exception>
    /// <exception cref="FileNotFoundException">The split's files are not in the folder.</exception>
    public static IDataView LoadFashionMnist(MLContext ml, string split = "train", string? folder = null, int? maxRows = null)
    {
        CheckArguments(ml, maxRows);
        var (images, labels) = MnistFiles.Find(folder ?? DefaultFashionMnistFolder, DatasetSplit.IsTrain(split), "Fashion-MNIST", FashionMnistInstallHint);
        return LoadIdx(ml, images, labels, WellKnownClassNames.FashionMnist, maxRows);
    }
}
