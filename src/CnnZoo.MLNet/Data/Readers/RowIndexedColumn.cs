using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Data.Readers;

/// <summary>Reads the value of one column for one row of an in-memory table, by row index.</summary>
internal delegate void RowValueGetter<TValue>(int row, ref TValue value);

/// <summary>One column of a <see cref="RowIndexedDataView"/>: a name, an ML.NET type and a getter by row index.</summary>
internal abstract class RowIndexedColumn
{
    protected RowIndexedColumn(string name, DataViewType type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The column name in the schema.</summary>
    public string Name { get; }

    /// <summary>The column's ML.NET type.</summary>
    public DataViewType Type { get; }

    /// <summary>The .NET type of the values the getter produces.</summary>
    public abstract Type ValueType { get; }

    /// <summary>Creates a column whose values of type <typeparamref name="TValue"/> are read by <paramref name="getter"/>.</summary>
    public static RowIndexedColumn Create<TValue>(string name, DataViewType type, RowValueGetter<TValue> getter)
        => new TypedColumn<TValue>(name, type, getter);

    /// <summary>Creates the <see cref="ValueGetter{TValue}"/> that reads the cursor's current row.</summary>
    public abstract Delegate CreateGetter(RowIndexedCursor cursor);

    private sealed class TypedColumn<TValue>(string name, DataViewType type, RowValueGetter<TValue> getter)
        : RowIndexedColumn(name, type)
    {
        public override Type ValueType => typeof(TValue);

        public override Delegate CreateGetter(RowIndexedCursor cursor)
            => (ValueGetter<TValue>)((ref TValue value) => getter(cursor.CurrentRow, ref value));
    }
}
