using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Data.Readers;

/// <summary>Presents labelled image files as an <see cref="IDataView"/> with the text columns <c>ImagePath</c> and <c>Label</c>.</summary>
internal static class ImageFileView
{
    public static IDataView Create(IReadOnlyList<LabeledImageFile> images)
    {
        var paths = images.Select(image => image.ImagePath.AsMemory()).ToArray();
        var labels = images.Select(image => image.Label.AsMemory()).ToArray();
        RowIndexedColumn[] columns =
        [
            RowIndexedColumn.Create(CnnZooDataColumns.ImagePath, TextDataViewType.Instance,
                (int row, ref ReadOnlyMemory<char> value) => value = paths[row]),
            RowIndexedColumn.Create(CnnZooDataColumns.Label, TextDataViewType.Instance,
                (int row, ref ReadOnlyMemory<char> value) => value = labels[row]),
        ];
        return new RowIndexedDataView(images.Count, columns);
    }
}
