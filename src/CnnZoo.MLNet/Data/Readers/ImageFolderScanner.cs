namespace CnnZoo.MLNet.Data.Readers;

/// <summary>
/// Lists the images of a folder laid out as one sub-folder per class (the torchvision ImageFolder layout):
/// the class is the sub-folder's name, the images are the files with an image extension anywhere beneath it.
/// Classes and files are sorted by ordinal name, so the order is the same on every machine.
/// </summary>
internal static class ImageFolderScanner
{
    public static LabeledImageFile[] Scan(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        string fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
            throw new DirectoryNotFoundException($"Image folder '{fullRoot}' does not exist.");

        string[] classFolders = Directory.GetDirectories(fullRoot);
        Array.Sort(classFolders, StringComparer.Ordinal);
        var images = new List<LabeledImageFile>();
        foreach (string classFolder in classFolders)
        {
            string label = Path.GetFileName(classFolder);
            if (label.StartsWith('.'))
                continue;
            string[] files = [.. Directory.EnumerateFiles(classFolder, "*", SearchOption.AllDirectories).Where(ImageFileExtensions.IsImage)];
            Array.Sort(files, StringComparer.Ordinal);
            images.AddRange(files.Select(file => new LabeledImageFile(file, label)));
        }

        if (images.Count == 0)
            throw new InvalidDataException(
                $"Image folder '{fullRoot}' holds no images: expected one sub-folder per class containing files with the extensions {string.Join(", ", ImageFileExtensions.All.Order(StringComparer.Ordinal))}" +
                (classFolders.Length == 0 ? " (it has no sub-folders)." : $" (its {classFolders.Length} sub-folders hold none)."));
        return [.. images];
    }
}
