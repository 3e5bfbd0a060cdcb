using CnnZoo.MLNet;
using CnnZoo.Cli.Commands;
using CnnZoo.MLNet.Data;
using Microsoft.ML;

namespace CnnZoo.Cli.Data;

/// <summary>A dataset the commands can train and evaluate on: a train and a test view, and the column the model reads.</summary>
/// <param name="Name">What was loaded, for messages ("fashion-mnist", a folder …).</param>
/// <param name="Train">Training rows (string <c>Label</c> plus the feature column).</param>
/// <param name="Test">Held-out rows with the same schema.</param>
/// <param name="FeatureColumn">The column the CNN reads.</param>
/// <param name="Preprocessing">What turns a row into model input: MapValueToKey on the label, plus image decoding for file datasets.</param>
public sealed record LoadedDataset(string Name, IDataView Train, IDataView Test, string FeatureColumn, IEstimator<ITransformer> Preprocessing);

/// <summary>
/// <c>--data</c> (fashion-mnist, mnist, cifar10, cifar100, a folder with one sub-folder per class, or a CSV/TSV list of
/// path,label), <c>--data-folder</c> (where the standard files are), <c>--rows</c> / <c>--test-rows</c> (take the first N).
/// </summary>
public sealed class DatasetArguments : ArgumentGroup
{
    /// <summary>Dataset names understood besides paths.</summary>
    public static readonly string[] Names = ["fashion-mnist", "mnist", "cifar10", "cifar100"];

    /// <summary>Dataset name or path.</summary>
    public Option<string> Data { get; } = new("--data", "-d") { Description = $"Dataset: {string.Join(", ", Names)}, a folder with one sub-folder per class, or a CSV/TSV list of path,label.", DefaultValueFactory = _ => "fashion-mnist" };
    /// <summary>Folder of the standard files.</summary>
    public Option<string?> DataFolder { get; } = new("--data-folder") { Description = $"Folder holding the dataset's standard files (fashion-mnist default: {CnnZooData.DefaultFashionMnistFolder})." };
    /// <summary>Training rows cap.</summary>
    public Option<int?> Rows { get; } = new("--rows") { Description = "Use only the first N training rows." };
    /// <summary>Test rows cap.</summary>
    public Option<int?> TestRows { get; } = new("--test-rows") { Description = "Use only the first N test rows." };

    /// <inheritdoc/>
    protected override IEnumerable<Symbol> Symbols => [Data, DataFolder, Rows, TestRows];

    /// <summary>Loads the dataset the options name.</summary>
    /// <param name="ml">The context.</param>
    /// <param name="parsed">The command line.</param>
    /// <param name="seed">Seed of the image-file train/test split.</param>
    /// <param name="compositedImageSize">For image files: null leaves decoding and resizing to the trainer (encoded bytes);
    /// a side loads them as ML.NET images resized to it and composited on white (the transfer recipe: transparent pixels
    /// are not read as black).</param>
    public LoadedDataset Load(MLContext ml, ParseResult parsed, int seed, int? compositedImageSize = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(parsed);
        var name = parsed.GetValue(Data) ?? "fashion-mnist";
        var folder = parsed.GetValue(DataFolder);
        var (rows, testRows) = (parsed.GetValue(Rows), parsed.GetValue(TestRows));
        if (rows is < 1 || testRows is < 1) throw new CliUsageException("--rows and --test-rows must be at least 1.");
        var keyLabel = ml.Transforms.Conversion.MapValueToKey(CnnZooDataColumns.Label);
        switch (name.ToLowerInvariant())
        {
            case "fashion-mnist":
                return new(name, CnnZooData.LoadFashionMnist(ml, "train", folder, rows), CnnZooData.LoadFashionMnist(ml, "test", folder, testRows), CnnZooDataColumns.Features, keyLabel);
            case "mnist":
                return new(name, CnnZooData.LoadMnist(ml, Required(folder, name), "train", rows), CnnZooData.LoadMnist(ml, Required(folder, name), "test", testRows), CnnZooDataColumns.Features, keyLabel);
            case "cifar10":
                return new(name, CnnZooData.LoadCifar10(ml, Required(folder, name), "train", rows), CnnZooData.LoadCifar10(ml, Required(folder, name), "test", testRows), CnnZooDataColumns.Features, keyLabel);
            case "cifar100":
                return new(name, CnnZooData.LoadCifar100(ml, Required(folder, name), "train", maxRows: rows), CnnZooData.LoadCifar100(ml, Required(folder, name), "test", maxRows: testRows), CnnZooDataColumns.Features, keyLabel);
        }
        IDataView files;
        if (Directory.Exists(name)) files = CnnZooData.LoadImageFolder(ml, name);
        else if (File.Exists(name)) files = CnnZooData.LoadImageList(ml, name, folder);
        else throw new CliUsageException($"Unknown dataset '{name}': not one of {string.Join(", ", Names)} and no such folder or list file.");
        // Image files: hold out 20% for testing.
        var split = ml.Data.TrainTestSplit(ml.Data.ShuffleRows(files, seed: seed), testFraction: 0.2, seed: seed);
        var train = rows is int r ? ml.Data.TakeRows(split.TrainSet, r) : split.TrainSet;
        var test = testRows is int t ? ml.Data.TakeRows(split.TestSet, t) : split.TestSet;
        if (compositedImageSize is int side)
        {
            const string image = "Image";
            return new(name, train, test, image, keyLabel.Append(ml.Transforms.LoadImages(image, null, CnnZooDataColumns.ImagePath))
                .Append(ml.Transforms.ResizeImages(image, side, side)).Append(ml.Transforms.CnnZooCompositeOnBackground(image)));
        }
        // Otherwise the trainer decodes and resizes the encoded bytes itself.
        const string bytes = "ImageBytes";
        return new(name, train, test, bytes, keyLabel.Append(ml.Transforms.LoadRawImageBytes(bytes, null, CnnZooDataColumns.ImagePath)));
    }

    private static string Required(string? folder, string name) =>
        folder ?? throw new CliUsageException($"--data {name} needs --data-folder pointing at the folder with its standard files.");
}
