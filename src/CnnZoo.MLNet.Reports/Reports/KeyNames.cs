using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Reports;

/// <summary>The class names behind a key column (its <c>KeyValues</c> annotation), in key order — the order of ML.NET's confusion matrix and score vector.</summary>
public static class KeyNames
{
    /// <summary>Names of the key column's values; "0", "1", … when the column has no <c>KeyValues</c>.</summary>
    public static IReadOnlyList<string> Of(DataViewSchema.Column column)
    {
        if (column.Type is not KeyDataViewType key)
            throw new ArgumentException($"Column '{column.Name}' is {column.Type}, not a key (use MapValueToKey).", nameof(column));
        var count = checked((int)key.Count);
        return CnnZoo.MLNet.Comparison.ClassNames.KeyValuesOf(column)
            ?? Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>Names of the values of the key column <paramref name="columnName"/> of <paramref name="data"/> (e.g. the scored test set's <c>PredictedLabel</c>).</summary>
    public static IReadOnlyList<string> Of(IDataView data, string columnName = "PredictedLabel")
    {
        ArgumentNullException.ThrowIfNull(data);
        var column = data.Schema.GetColumnOrNull(columnName)
            ?? throw new ArgumentException($"No column '{columnName}'; the view has: {string.Join(", ", data.Schema.Select(c => c.Name))}.", nameof(columnName));
        return Of(column);
    }
}
