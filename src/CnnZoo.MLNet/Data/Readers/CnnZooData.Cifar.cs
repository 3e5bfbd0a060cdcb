using Microsoft.ML;
using CnnZoo.MLNet.Data.Readers;

namespace CnnZoo.MLNet.Data;

public static partial class CnnZooData
{
    /// <summary>
    /// Loads a split of CIFAR-10 from its binary distribution (<c>cifar-10-binary.tar.gz</c>): the training split is
    /// <c>data_batch_1.bin</c> … <c>data_batch_5.bin</c> (50,000 images), the test split <c>test_batch.bin</c> (10,000).
    /// Class names come from <c>batches.meta.txt</c> when present, else <see cref="Cifar10ClassNames"/>.
    /// Features are <c>Vector&lt;Single, 3, 32, 32&gt;</c> (R, G, B planes, values 0..255).
    /// </summary>
    /// <param name="ml">The ML.NET context the view will be used with.</param>
    /// <param name="folder">The folder holding the .bin files, or the folder the archive was extracted into (its <c>cifar-10-batches-bin</c> sub-folder is used).</param>
    /// <param name="split">"train" or "test".</param>
    /// <param name="maxRows">Keep only the first N images (in batch-file order); null keeps all.</param>
    /// <returns>The split as an in-memory <see cref="IDataView"/>; see <see cref="CnnZooData"/> for the columns.</returns>
    /// <exception cref="InvalidDataException">A file is not a whole number of 3073-byte records, a label is out of range, or the names file does not list 10 names.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A batch file is missing.</exception>
    public static IDataView LoadCifar10(MLContext ml, string folder, string split = "train", int? maxRows = null)
    {
        CheckArguments(ml, maxRows);
        bool train = DatasetSplit.IsTrain(split);
        string[] files = train ? [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")] : ["test_batch.bin"];
        string root = CifarFolder.Resolve(folder, "cifar-10-batches-bin", files[0], "CIFAR-10");
        var names = CifarFolder.ReadClassNames(root, "batches.meta.txt", WellKnownClassNames.Cifar10);
        var data = CifarBinaryReader.Read([.. files.Select(file => Path.Combine(root, file))], labelBytes: 1, labelByte: 0, names, maxRows);
        return PixelDatasetView.Create(data);
    }

    /// <summary>
    /// Loads a split of CIFAR-100 from its binary distribution (<c>cifar-100-binary.tar.gz</c>): <c>train.bin</c>
    /// (50,000 images) or <c>test.bin</c> (10,000), each record holding a coarse and a fine label.
    /// Class names come from <c>fine_label_names.txt</c> / <c>coarse_label_names.txt</c> when present, else
    /// <see cref="Cifar100FineClassNames"/> / <see cref="Cifar100CoarseClassNames"/>.
    /// Features are <c>Vector&lt;Single, 3, 32, 32&gt;</c> (R, G, B planes, values 0..255).
    /// </summary>
    /// <param name="ml">The ML.NET context the view will be used with.</param>
    /// <param name="folder">The folder holding the .bin files, or the folder the archive was extracted into (its <c>cifar-100-binary</c> sub-folder is used).</param>
    /// <param name="split">"train" or "test".</param>
    /// <param name="fineLabels">True for the 100 fine classes, false for the 20 coarse superclasses; <c>Label</c> and <c>LabelIndex</c> follow this choice.</param>
    /// <param name="maxRows">Keep only the first N images; null keeps all.</param>
    /// <returns>The split as an in-memory <see cref="IDataView"/>; see <see cref="CnnZooData"/> for the columns.</returns>
    /// <exception cref="InvalidDataException">The file is not a whole number of 3074-byte records, a label is out of range, or a names file has the wrong number of names.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The split's file is missing.</exception>
    public static IDataView LoadCifar100(MLContext ml, string folder, string split = "train", bool fineLabels = true, int? maxRows = null)
    {
        CheckArguments(ml, maxRows);
        string file = DatasetSplit.IsTrain(split) ? "train.bin" : "test.bin";
        string root = CifarFolder.Resolve(folder, "cifar-100-binary", file, "CIFAR-100");
        var names = fineLabels
            ? CifarFolder.ReadClassNames(root, "fine_label_names.txt", WellKnownClassNames.Cifar100Fine)
            : CifarFolder.ReadClassNames(root, "coarse_label_names.txt", WellKnownClassNames.Cifar100Coarse);
        var data = CifarBinaryReader.Read([Path.Combine(root, file)], labelBytes: 2, labelByte: fineLabels ? 1 : 0, names, maxRows);
        return PixelDatasetView.Create(data);
    }
}
