using CnnZoo.MLNet.Bridge;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Comparison;

/// <summary>The values behind a key-typed label column, as text, in key order.</summary>
internal static class ClassNames
{
    /// <summary>The KeyValues annotation as strings; "1" … "K" when the column has none.</summary>
    public static IReadOnlyList<string> Of(DataViewSchema.Column label, int classes) => Of(label.Annotations, classes);

    /// <summary>The same for a detached column (the label a trained classifier keeps).</summary>
    public static IReadOnlyList<string> Of(DataViewSchema.DetachedColumn label, int classes) => Of(label.Annotations, classes);

    private static IReadOnlyList<string> Of(DataViewSchema.Annotations annotations, int classes)
        => KeyValuesOf(annotations) is { } names && names.Count == classes ? names
            : Enumerable.Range(1, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();

    /// <summary>The KeyValues annotation of <paramref name="column"/> as strings, or null when it has none.</summary>
    public static IReadOnlyList<string>? KeyValuesOf(DataViewSchema.Column column) => KeyValuesOf(column.Annotations);

    private static IReadOnlyList<string>? KeyValuesOf(DataViewSchema.Annotations annotations)
        => annotations.Schema.GetColumnOrNull(MlNetNames.KeyValues) is { Type: VectorDataViewType { ItemType: var itemType } } keyValues
            ? (IReadOnlyList<string>)GenericDispatch.Invoke(typeof(ClassNames), nameof(Read), itemType.RawType, annotations, keyValues)!
            : null;

    private static IReadOnlyList<string> Read<T>(DataViewSchema.Annotations annotations, DataViewSchema.Column column)
    {
        VBuffer<T> values = default;
        annotations.GetValue(column.Name, ref values);
        return values.DenseValues().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToList();
    }
}
