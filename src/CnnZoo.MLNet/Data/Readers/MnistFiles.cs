namespace CnnZoo.MLNet.Data.Readers;

/// <summary>
/// Finds the IDX files of an MNIST-style split in a folder under their standard names
/// (<c>train-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, …), gzip-compressed or not,
/// also accepting the common <c>train-images.idx3-ubyte</c> spelling.
/// </summary>
internal static class MnistFiles
{
    public static (string Images, string Labels) Find(string folder, bool train, string datasetName, string installHint)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{datasetName} folder '{folder}' does not exist. {installHint}");
        string prefix = train ? "train" : "t10k";
        return (FindOne(folder, prefix, "images", "idx3", datasetName, installHint),
                FindOne(folder, prefix, "labels", "idx1", datasetName, installHint));
    }

    private static string FindOne(string folder, string prefix, string kind, string idx, string datasetName, string installHint)
    {
        string[] candidates =
        [
            $"{prefix}-{kind}-{idx}-ubyte.gz",
            $"{prefix}-{kind}-{idx}-ubyte",
            $"{prefix}-{kind}.{idx}-ubyte.gz",
            $"{prefix}-{kind}.{idx}-ubyte",
        ];
        foreach (string name in candidates)
        {
            string path = Path.Combine(folder, name);
            if (File.Exists(path))
                return path;
        }
        throw new FileNotFoundException(
            $"{datasetName} {kind} file '{candidates[0]}' (or '{candidates[1]}') was not found in '{folder}'. {installHint}",
            Path.Combine(folder, candidates[0]));
    }
}
