using Microsoft.ML;
using CnnZoo.MLNet.Data.Readers;

namespace CnnZoo.MLNet.Data;

public static partial class CnnZooData
{
    /// <summary>
    /// Lists the images of a folder with one sub-folder per class (the class is the sub-folder's name) as a view with the
    /// text columns <c>ImagePath</c> (full path) and <c>Label</c>. Images are the files with the extensions
    /// .png, .jpg, .jpeg, .bmp, .gif or .webp (any case) anywhere beneath a class folder; hidden files and folders
    /// (names starting with '.') and files directly in <paramref name="root"/> are ignored, and class folders without
    /// images are skipped. Rows are sorted by class folder, then by file path (ordinal), so the order is reproducible.
    /// </summary>
    /// <param name="ml">The ML.NET context the view will be used with.</param>
    /// <param name="root">The folder holding the class folders.</param>
    /// <returns>The image list as an <see cref="IDataView"/>; follow it with <c>LoadImages("Image", null, "ImagePath")</c>.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">No class folder holds an image.</exception>
    public static IDataView LoadImageFolder(MLContext ml, string root)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return ImageFileView.Create(ImageFolderScanner.Scan(root));
    }

    /// <summary>
    /// Reads a CSV or TSV list of images and labels as a view with the text columns <c>ImagePath</c> (full path) and
    /// <c>Label</c>. The separator is a tab for .tsv/.tab files and a comma for .csv files; for other extensions, a tab
    /// when the first line contains one, else a comma. A first line naming the columns (<c>path</c> or <c>imagepath</c>,
    /// and <c>label</c>, any case, any order) is a header; without it, the first field is the path and the second the label.
    /// Fields may be double-quoted; blank lines are skipped. Relative paths are resolved against
    /// <paramref name="imageRoot"/>, or the list's own folder when it is null.
    /// </summary>
    /// <param name="ml">The ML.NET context the view will be used with.</param>
    /// <param name="listFile">The CSV or TSV file.</param>
    /// <param name="imageRoot">The folder relative paths are resolved against; null for the list's folder.</param>
    /// <returns>The image list as an <see cref="IDataView"/>, in file order; follow it with <c>LoadImages("Image", null, "ImagePath")</c>.</returns>
    /// <exception cref="FileNotFoundException">The list does not exist, or an image it names does not (the message gives the line number and path).</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="imageRoot"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">The list is empty, a line lacks a path or label, or the header is incomplete.</exception>
    public static IDataView LoadImageList(MLContext ml, string listFile, string? imageRoot = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return ImageFileView.Create(ImageListReader.Read(listFile, imageRoot));
    }
}
