namespace CnnZoo.MLNet.Data.Readers;

/// <summary>
/// Reads a CSV or TSV list of images with a path column and a label column.
/// A first line naming the columns ("path" or "imagepath", and "label", case-insensitive) is a header and
/// may put the columns in any order; without one, the first column is the path and the second the label.
/// Relative paths are resolved against the image root (default: the list's folder); backslashes are read
/// as folder separators on systems that use '/'. Blank lines are skipped; every image must exist.
/// </summary>
internal static class ImageListReader
{
    private static readonly string[] PathHeaders = ["path", "imagepath", "image_path"];
    private const string LabelHeader = "label";

    public static LabeledImageFile[] Read(string listFile, string? imageRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listFile);
        string listPath = Path.GetFullPath(listFile);
        if (!File.Exists(listPath))
            throw new FileNotFoundException($"Image list '{listPath}' does not exist.", listPath);
        string root = Path.GetFullPath(imageRoot ?? Path.GetDirectoryName(listPath)!);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"Image root folder '{root}' for image list '{listPath}' does not exist.");

        string[] lines = File.ReadAllLines(listPath);
        int first = Array.FindIndex(lines, line => line.Trim().Length > 0);
        if (first < 0)
            throw new InvalidDataException($"Image list '{listPath}' is empty: expected lines of path and label.");

        char separator = DelimitedLine.DetectSeparator(listPath, lines[first]);
        var (pathColumn, labelColumn, hasHeader) = ReadColumns(listPath, lines[first], first + 1, separator);
        var images = new List<LabeledImageFile>();
        for (int i = hasHeader ? first + 1 : first; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
                continue;
            images.Add(ReadEntry(listPath, root, lines[i], i + 1, separator, pathColumn, labelColumn));
        }

        if (images.Count == 0)
            throw new InvalidDataException($"Image list '{listPath}' has a header but no images.");
        return [.. images];
    }

    private static (int Path, int Label, bool HasHeader) ReadColumns(string listPath, string firstLine, int lineNumber, char separator)
    {
        var fields = DelimitedLine.Split(firstLine, separator);
        int path = fields.FindIndex(f => PathHeaders.Contains(f, StringComparer.OrdinalIgnoreCase));
        int label = fields.FindIndex(f => f.Equals(LabelHeader, StringComparison.OrdinalIgnoreCase));
        if (path < 0 && label < 0)
            return (0, 1, false);
        if (path < 0 || label < 0)
            throw new InvalidDataException(
                $"Image list '{listPath}', line {lineNumber}: the header '{firstLine}' must name both a path column ({string.Join(" or ", PathHeaders)}) and a '{LabelHeader}' column.");
        return (path, label, true);
    }

    private static LabeledImageFile ReadEntry(string listPath, string root, string line, int lineNumber, char separator, int pathColumn, int labelColumn)
    {
        var fields = DelimitedLine.Split(line, separator);
        string where = $"Image list '{listPath}', line {lineNumber}";
        if (fields.Count <= Math.Max(pathColumn, labelColumn))
            throw new InvalidDataException(
                $"{where}: expected at least {Math.Max(pathColumn, labelColumn) + 1} {(separator == '\t' ? "tab" : "comma")}-separated fields (path and label) but found {fields.Count}: '{line}'.");
        string relative = fields[pathColumn];
        string label = fields[labelColumn];
        if (relative.Length == 0)
            throw new InvalidDataException($"{where}: the path is empty.");
        if (label.Length == 0)
            throw new InvalidDataException($"{where}: the label of '{relative}' is empty.");

        if (Path.DirectorySeparatorChar == '/')
            relative = relative.Replace('\\', '/');
        string fullPath = Path.GetFullPath(Path.Combine(root, relative));
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"{where}: image '{relative}' was not found (looked for '{fullPath}').", fullPath);
        return new LabeledImageFile(fullPath, label);
    }
}
