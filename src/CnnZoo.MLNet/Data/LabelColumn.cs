using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Data;

/// <summary>Reads a key-typed label column as 0-based class indices, rejecting missing labels (key 0) by row.</summary>
internal sealed class LabelReader
{
    private readonly string _name;
    private readonly Func<ulong> _read;

    private LabelReader(string name, Func<ulong> read) => (_name, _read) = (name, read);

    /// <summary>Checks that <paramref name="name"/> is a key column with at least two values; returns its key count.</summary>
    public static int ClassCount(DataViewSchema schema, string name)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ArgumentOutOfRangeException(nameof(name), name, $"The label column '{name}' is not in the data. Columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"))}.");
        if (column.Type is not KeyDataViewType key)
            throw new ArgumentException($"The label column '{name}' has type {ImageColumnInfo.Describe(column.Type)}; the CNN trainer needs a key type. Add ml.Transforms.Conversion.MapValueToKey(\"{name}\") before the trainer.", nameof(name));
        if (key.Count < 2)
            throw new ArgumentException($"The label column '{name}' has {key.Count} class; a classifier needs at least 2.", nameof(name));
        if (key.Count > int.MaxValue)
            throw new ArgumentException($"The label column '{name}' has {key.Count} classes; at most {int.MaxValue} are supported.", nameof(name));
        return (int)key.Count;
    }

    public static LabelReader For(DataViewRow row, string name)
    {
        var column = row.Schema[name];
        Func<ulong> read = column.Type.RawType switch
        {
            var t when t == typeof(uint) => Reader<uint>(row, column, v => v),
            var t when t == typeof(byte) => Reader<byte>(row, column, v => v),
            var t when t == typeof(ushort) => Reader<ushort>(row, column, v => v),
            var t when t == typeof(ulong) => Reader<ulong>(row, column, v => v),
            var t => throw new ArgumentException($"The label column '{name}' has keys of raw type {t.Name}, which is not supported."),
        };
        return new LabelReader(name, read);
    }

    private static Func<ulong> Reader<T>(DataViewRow row, DataViewSchema.Column column, Func<T, ulong> widen)
    {
        var getter = row.GetGetter<T>(column);
        T value = default!;
        return () => { getter(ref value); return widen(value); };
    }

    /// <summary>The current row's 0-based class; key 0 (missing) is an error naming the row.</summary>
    public long Read(long rowIndex)
    {
        var key = _read();
        if (key == 0)
            throw new InvalidDataException($"Row {rowIndex} has a missing label (key 0 in column '{_name}'): its value was not among the label values seen by MapValueToKey. Remove or fix such rows.");
        return (long)key - 1;
    }
}
