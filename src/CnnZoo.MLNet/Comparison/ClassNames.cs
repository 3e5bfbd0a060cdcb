using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Comparison;

/// <summary>The values behind a key-typed label column, as text, in key order.</summary>
internal static class ClassNames
{
    /// <summary>The KeyValues annotation as strings; "1" … "K" when the column has none.</summary>
    public static IReadOnlyList<string> Of(DataViewSchema.Column label, int classes)
    {
        var keyValues = label.Annotations.Schema.GetColumnOrNull(AnnotationUtils.Kinds.KeyValues);
        if (keyValues is { Type: VectorDataViewType { ItemType: var itemType } })
        {
            var read = typeof(ClassNames).GetMethod(nameof(Read), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(itemType.RawType);
            var names = (IReadOnlyList<string>)read.Invoke(null, [label.Annotations, keyValues.Value])!;
            if (names.Count == classes) return names;
        }
        return Enumerable.Range(1, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
    }

    private static IReadOnlyList<string> Read<T>(DataViewSchema.Annotations annotations, DataViewSchema.Column column)
    {
        VBuffer<T> values = default;
        annotations.GetValue(column.Name, ref values);
        return values.DenseValues().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToList();
    }
}
