using Microsoft.ML;

namespace CnnZoo.MLNet.Data;

/// <summary>What reading the training data found.</summary>
/// <param name="Store">The images and labels, uint8 when the source is 8-bit.</param>
/// <param name="SkippedInvalidImages">Rows skipped because their image was unreadable (only with SkipInvalidImages).</param>
internal sealed record TrainingData(TensorStore Store, long SkippedInvalidImages);

/// <summary>Reads an IDataView of (image, key label) rows once into a compact <see cref="TensorStore"/>, validating every row.</summary>
internal static class TrainingDataReader
{
    public static TrainingData Read(IDataView data, string labelColumn, ImageColumnInfo input, bool skipInvalidImages, CancellationToken cancellation, string what = "training")
    {
        using var builder = new TensorStoreBuilder(new ImageShape(input.Channels, input.Height, input.Width));
        using var cursor = data.GetRowCursor([data.Schema[labelColumn], data.Schema[input.Name]]);
        var images = new ImageRowReader(cursor, input);
        var labels = LabelReader.For(cursor, labelColumn);
        var pixels = new float[input.Length];
        long skipped = 0;
        while (cursor.MoveNext())
        {
            if ((cursor.Position & 1023) == 0) cancellation.ThrowIfCancellationRequested();
            var label = labels.Read(cursor.Position);
            try
            {
                images.Read(pixels, cursor.Position);
            }
            catch (InvalidImageException) when (skipInvalidImages)
            {
                skipped++;
                continue;
            }
            builder.Add(pixels, label);
        }
        if (builder.Count == 0)
            throw new InvalidOperationException(skipped > 0
                ? $"Every one of the {skipped} {what} rows had an unreadable image; nothing to train on."
                : $"The {what} data has no rows.");
        return new TrainingData(builder.Build(), skipped);
    }
}
