using CnnZoo.MLNet.Data;
using Microsoft.ML;

namespace CnnZoo.MLNet.Comparison;

/// <summary>The data every trial shares: the fitted preprocessing, the train/validation split, the input layout and the classes.</summary>
/// <param name="Preprocessing">The preprocessing fitted on the whole data; null when there is none.</param>
/// <param name="Train">The rows every trial trains on.</param>
/// <param name="Validation">The rows every trial is validated and ranked on.</param>
/// <param name="Channels">Image channels the models take.</param>
/// <param name="InputSize">The square side in the feature column; null when the column does not say (encoded images).</param>
/// <param name="Classes">The number of classes.</param>
/// <param name="ClassNames">The label values, in key order.</param>
/// <param name="TrainRows">Rows in <paramref name="Train"/>.</param>
/// <param name="ValidationRows">Rows in <paramref name="Validation"/>.</param>
internal sealed record ComparisonData(
    ITransformer? Preprocessing,
    IDataView Train,
    IDataView Validation,
    int Channels,
    int? InputSize,
    int Classes,
    IReadOnlyList<string> ClassNames,
    long TrainRows,
    long ValidationRows)
{
    public static ComparisonData Prepare(DataOperationsCatalog dataCatalog, IDataView data, ComparisonOptions options)
    {
        var preprocessing = options.Preprocessing?.Fit(data);
        var all = preprocessing?.Transform(data) ?? data;
        IDataView train, validation;
        if (options.ValidationSet is { } validationSet)
        {
            (train, validation) = (all, preprocessing?.Transform(validationSet) ?? validationSet);
        }
        else
        {
            var split = dataCatalog.TrainTestSplit(all, testFraction: options.ValidationFraction, seed: options.Seed);
            (train, validation) = (split.TrainSet, split.TestSet);
        }

        var classes = LabelReader.ClassCount(train.Schema, options.LabelColumnName);
        var classNames = Comparison.ClassNames.Of(train.Schema[options.LabelColumnName], classes);
        var (channels, inputSize) = InputOf(train.Schema, options.FeatureColumnName);
        var (trainRows, validationRows) = (CountRows(train), CountRows(validation));
        if (trainRows == 0) throw new ArgumentException("The comparison's training split holds no rows.", nameof(data));
        if (validationRows == 0)
            throw new ArgumentException("The comparison's validation split holds no rows; give more data, a larger ValidationFraction or a ValidationSet.", nameof(data));
        return new ComparisonData(preprocessing, train, validation, channels, inputSize, classes, classNames, trainRows, validationRows);
    }

    private static (int Channels, int? InputSize) InputOf(DataViewSchema schema, string featureColumn)
    {
        ImageColumnInfo layout;
        try
        {
            layout = ImageColumnInfo.FromSchema(schema, featureColumn, imageSize: null, imageChannels: 3);
        }
        catch (ArgumentException) when (schema.GetColumnOrNull(featureColumn) is { Type: var type } && type is not Microsoft.ML.Data.VectorDataViewType { IsKnownSize: true })
        {
            // Encoded images, or an Image column of unknown size: each model resizes them to its own input.
            return (3, null);
        }
        if (layout.Height != layout.Width)
            throw new ArgumentException($"Column '{featureColumn}' holds {layout.Width}×{layout.Height} images; the zoo models take square inputs. Resize to a square (ResizeImages).", nameof(featureColumn));
        return (layout.Channels, layout.Height);
    }

    private static long CountRows(IDataView view)
    {
        if (view.GetRowCount() is long known) return known;
        using var cursor = view.GetRowCursor([]);
        long rows = 0;
        while (cursor.MoveNext()) rows++;
        return rows;
    }
}
