using Microsoft.ML;
using CnnZoo.MLNet.Data.Readers;

namespace CnnZoo.MLNet.Data;

/// <summary>
/// Loads the classic image-classification datasets as ML.NET <see cref="IDataView"/>s, ready for
/// the CnnZoo trainer.
/// </summary>
/// <remarks>
/// <para>
/// <b>Pixel datasets</b> (<see cref="LoadIdx"/>, <see cref="LoadMnist"/>, <see cref="LoadFashionMnist"/>,
/// <see cref="LoadCifar10"/>, <see cref="LoadCifar100"/>) read the whole split into memory once, as bytes, and
/// return a view with three columns:
/// <list type="bullet">
/// <item><c>Label</c> (text): the class name, e.g. <c>"Ankle boot"</c>;</item>
/// <item><c>LabelIndex</c> (UInt32): the class index exactly as stored in the file;</item>
/// <item><c>Features</c> (<c>Vector&lt;Single, C, H, W&gt;</c>): raw pixel values 0..255 in planar CHW order —
/// 1×28×28 for (Fashion-)MNIST, 3×32×32 (R, G, B planes) for CIFAR. This is exactly the type and layout that
/// <c>ExtractPixels</c> produces with its default settings, so these views and image-file pipelines feed the
/// same trainer.</item>
/// </list>
/// </para>
/// <para>
/// <b>Image-file datasets</b> (<see cref="LoadImageFolder"/>, <see cref="LoadImageList"/>) only list files; they return
/// <c>ImagePath</c> (text, full path) and <c>Label</c> (text), to be followed by <c>LoadImages</c>,
/// <c>ResizeImages</c> and <c>ExtractPixels</c>.
/// </para>
/// <para>
/// In every case the trainer's key-typed label comes from <c>ml.Transforms.Conversion.MapValueToKey("Label")</c>.
/// Keys are numbered in order of first occurrence by default; pass <c>keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue</c>
/// for alphabetical order. The views know their row count, support any number of concurrent cursors and shuffle
/// without copying. <c>maxRows</c>, where offered, keeps the first N rows of the split (in file order), which is
/// handy for quick experiments. Malformed files raise <see cref="InvalidDataException"/> messages that name the file
/// and what is wrong; missing files and folders raise <see cref="FileNotFoundException"/> /
/// <see cref="DirectoryNotFoundException"/>.
/// </para>
/// <example>
/// <code>
/// var ml = new MLContext(seed: 1);
/// IDataView train = CnnZooData.LoadFashionMnist(ml, "train");
/// IDataView test = CnnZooData.LoadFashionMnist(ml, "test");
/// var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
///     .Append(ml.MulticlassClassification.Trainers.Cnn("lenet5", epochs: 10));
/// </code>
/// </example>
/// </remarks>
public static partial class CnnZooData
{
    /// <summary>The Fashion-MNIST class names in class-index order (T-shirt/top, Trouser, …, Ankle boot).</summary>
    public static IReadOnlyList<string> FashionMnistClassNames => WellKnownClassNames.FashionMnist;

    /// <summary>The MNIST class names in class-index order: "0" … "9".</summary>
    public static IReadOnlyList<string> MnistClassNames => WellKnownClassNames.Mnist;

    /// <summary>The CIFAR-10 class names in class-index order (airplane, automobile, …, truck).</summary>
    public static IReadOnlyList<string> Cifar10ClassNames => WellKnownClassNames.Cifar10;

    /// <summary>The 100 CIFAR-100 fine class names in class-index order (apple, aquarium_fish, …, worm).</summary>
    public static IReadOnlyList<string> Cifar100FineClassNames => WellKnownClassNames.Cifar100Fine;

    /// <summary>The 20 CIFAR-100 coarse class (superclass) names in class-index order (aquatic_mammals, …, vehicles_2).</summary>
    public static IReadOnlyList<string> Cifar100CoarseClassNames => WellKnownClassNames.Cifar100Coarse;

    private static void CheckArguments(MLContext ml, int? maxRows)
    {
        ArgumentNullException.ThrowIfNull(ml);
        if (maxRows is < 1)
            throw new ArgumentOutOfRangeException(nameof(maxRows), maxRows, "maxRows must be at least 1 (or null for all rows).");
    }
}
