using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Data.Readers;

/// <summary>
/// Presents a <see cref="PixelDataset"/> as an <see cref="IDataView"/> with the columns
/// <c>Label</c> (text), <c>LabelIndex</c> (UInt32) and <c>Features</c> (Vector&lt;Single, C, H, W&gt;).
/// Pixels stay bytes in memory and become floats only when a row is read.
/// </summary>
internal static class PixelDatasetView
{
    public static IDataView Create(PixelDataset data)
    {
        var labelTexts = data.ClassNames.Select(name => name.AsMemory()).ToArray();
        byte[] pixels = data.Pixels;
        uint[] labels = data.LabelIndices;
        int size = data.ImageSize;

        RowIndexedColumn[] columns =
        [
            RowIndexedColumn.Create(CnnZooDataColumns.Label, TextDataViewType.Instance,
                (int row, ref ReadOnlyMemory<char> value) => value = labelTexts[labels[row]]),
            RowIndexedColumn.Create(CnnZooDataColumns.LabelIndex, NumberDataViewType.UInt32,
                (int row, ref uint value) => value = labels[row]),
            RowIndexedColumn.Create(CnnZooDataColumns.Features,
                new VectorDataViewType(NumberDataViewType.Single, data.Channels, data.Height, data.Width),
                (int row, ref VBuffer<float> value) => CopyImage(pixels, row, size, ref value)),
        ];
        return new RowIndexedDataView(data.Count, columns);
    }

    private static void CopyImage(byte[] pixels, int row, int size, ref VBuffer<float> value)
    {
        var editor = VBufferEditor.Create(ref value, size);
        PixelBytes.ToSingles(pixels.AsSpan(checked((int)((long)row * size)), size), editor.Values);
        value = editor.Commit();
    }
}
