using System.Globalization;

namespace CnnZoo.MLNet.Data.Readers;

/// <summary>Pairs an IDX images file with its IDX labels file and checks that they agree.</summary>
internal static class IdxDatasetLoader
{
    public static PixelDataset Load(string imagesPath, string labelsPath, IReadOnlyList<string>? classNames, int? maxRows)
    {
        var images = IdxFile.ReadImages(imagesPath, maxRows);
        var labels = IdxFile.ReadLabels(labelsPath, maxRows);
        if (images.DeclaredCount != labels.DeclaredCount)
            throw new InvalidDataException(
                $"IDX images file '{imagesPath}' declares {images.DeclaredCount} images but IDX labels file '{labelsPath}' declares {labels.DeclaredCount} labels; they must be equal.");

        var labelIndices = new uint[labels.Data.Length];
        int largest = -1;
        for (int i = 0; i < labelIndices.Length; i++)
        {
            labelIndices[i] = labels.Data[i];
            largest = Math.Max(largest, labels.Data[i]);
        }

        IReadOnlyList<string> names = classNames ?? NumberedNames(largest + 1);
        if (largest >= names.Count)
        {
            int row = Array.FindIndex(labels.Data, label => label >= names.Count);
            throw new InvalidDataException(
                $"IDX labels file '{labelsPath}' has label {labels.Data[row]} at row {row}, but only {names.Count} class names were given (indices 0..{names.Count - 1}).");
        }

        return new PixelDataset(1, images.Dimensions[1], images.Dimensions[2], images.Data, labelIndices, names);
    }

    /// <summary>The class names "0", "1", … used when the caller gives none.</summary>
    public static string[] NumberedNames(int count)
        => [.. Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture))];
}
