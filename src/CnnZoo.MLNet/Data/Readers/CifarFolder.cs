namespace CnnZoo.MLNet.Data.Readers;

/// <summary>
/// Locates the files of the CIFAR binary distributions (the folder given, or the
/// <c>cifar-10-batches-bin</c> / <c>cifar-100-binary</c> folder the archive extracts into beneath it)
/// and reads the optional class-name files.
/// </summary>
internal static class CifarFolder
{
    private const string DownloadHint = "Download the binary version from https://www.cs.toronto.edu/~kriz/cifar.html, extract it and pass the folder that holds the .bin files.";

    /// <summary>Returns the folder that holds <paramref name="firstFile"/>: <paramref name="folder"/> itself or its <paramref name="archiveFolder"/> sub-folder.</summary>
    public static string Resolve(string folder, string archiveFolder, string firstFile, string datasetName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{datasetName} folder '{folder}' does not exist. {DownloadHint}");
        if (File.Exists(Path.Combine(folder, firstFile)))
            return folder;
        string nested = Path.Combine(folder, archiveFolder);
        if (File.Exists(Path.Combine(nested, firstFile)))
            return nested;
        throw new FileNotFoundException($"{datasetName} file '{firstFile}' was not found in '{folder}' (nor in its '{archiveFolder}' sub-folder). {DownloadHint}",
            Path.Combine(folder, firstFile));
    }

    /// <summary>
    /// Reads class names from <paramref name="fileName"/> in <paramref name="folder"/> (one per line, blank lines ignored),
    /// or returns <paramref name="standardNames"/> when the file is absent. A file with the wrong number of names is an error.
    /// </summary>
    public static IReadOnlyList<string> ReadClassNames(string folder, string fileName, IReadOnlyList<string> standardNames)
    {
        string path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
            return standardNames;
        string[] names = [.. File.ReadAllLines(path).Select(line => line.Trim()).Where(line => line.Length > 0)];
        if (names.Length != standardNames.Count)
            throw new InvalidDataException($"Class-name file '{path}' lists {names.Length} names; expected {standardNames.Count}, one per line.");
        return names;
    }
}
