using Microsoft.ML;

namespace CnnZoo.MLNet.Data.Readers;

/// <summary>
/// A read-only, in-memory <see cref="IDataView"/> whose columns are computed from a row index.
/// It knows its row count and shuffles cheaply (a permutation of the row indices), so trainers
/// that ask for shuffled cursors get them without an extra copy.
/// </summary>
internal sealed class RowIndexedDataView : IDataView
{
    private readonly RowIndexedColumn[] _columns;

    public RowIndexedDataView(int rowCount, IReadOnlyList<RowIndexedColumn> columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        RowCount = rowCount;
        _columns = [.. columns];
        var builder = new DataViewSchema.Builder();
        foreach (var column in _columns)
            builder.AddColumn(column.Name, column.Type);
        Schema = builder.ToSchema();
    }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public bool CanShuffle => true;

    /// <inheritdoc/>
    public long? GetRowCount() => RowCount;

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[_columns.Length];
        foreach (var column in columnsNeeded)
        {
            if (column.Index < 0 || column.Index >= active.Length || Schema[column.Index].Name != column.Name)
                throw new ArgumentException($"Column '{column.Name}' does not belong to this data view.", nameof(columnsNeeded));
            active[column.Index] = true;
        }
        return new RowIndexedCursor(this, _columns, active, rand is null ? null : Permutation(RowCount, rand));
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => [GetRowCursor(columnsNeeded, rand)];

    private static int[] Permutation(int count, Random rand)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++)
            order[i] = i;
        rand.Shuffle(order);
        return order;
    }
}
