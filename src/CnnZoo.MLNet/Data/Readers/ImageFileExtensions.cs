namespace CnnZoo.MLNet.Data.Readers;

/// <summary>The file extensions counted as images when scanning folders (compared case-insensitively).</summary>
internal static class ImageFileExtensions
{
    public static readonly IReadOnlySet<string> All =
        new HashSet<string>([".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"], StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="path"/> has an image extension and is not a hidden file (name starting with '.').</summary>
    public static bool IsImage(string path)
        => All.Contains(Path.GetExtension(path)) && !Path.GetFileName(path).StartsWith('.');
}
