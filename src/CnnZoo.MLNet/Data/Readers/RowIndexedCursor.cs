using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Data.Readers;

/// <summary>A cursor over a <see cref="RowIndexedDataView"/>, in row order or in a given permutation.</summary>
internal sealed class RowIndexedCursor : DataViewRowCursor
{
    private readonly RowIndexedDataView _view;
    private readonly RowIndexedColumn[] _columns;
    private readonly bool[] _active;
    private readonly int[]? _order;
    private long _position = -1;
    private bool _disposed;

    public RowIndexedCursor(RowIndexedDataView view, RowIndexedColumn[] columns, bool[] active, int[]? order)
    {
        _view = view;
        _columns = columns;
        _active = active;
        _order = order;
    }

    /// <inheritdoc/>
    public override DataViewSchema Schema => _view.Schema;

    /// <inheritdoc/>
    public override long Position => _position;

    /// <inheritdoc/>
    public override long Batch => 0;

    /// <summary>The index of the row the cursor is on, in the view's own row order.</summary>
    public int CurrentRow
    {
        get
        {
            if (_position < 0 || _position >= _view.RowCount)
                throw new InvalidOperationException("The cursor is not on a row: call MoveNext first and read only while it returns true.");
            return _order is null ? (int)_position : _order[_position];
        }
    }

    /// <inheritdoc/>
    public override bool MoveNext()
    {
        if (_disposed || _position >= _view.RowCount)
            return false;
        _position++;
        return _position < _view.RowCount;
    }

    /// <inheritdoc/>
    public override bool IsColumnActive(DataViewSchema.Column column) => _active[CheckColumn(column)];

    /// <inheritdoc/>
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        int index = CheckColumn(column);
        if (!_active[index])
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
        var definition = _columns[index];
        if (definition.ValueType != typeof(TValue))
            throw new InvalidOperationException(
                $"Column '{column.Name}' holds {definition.Type} values, read as {definition.ValueType.Name}, not {typeof(TValue).Name}.");
        return (ValueGetter<TValue>)definition.CreateGetter(this);
    }

    /// <inheritdoc/>
    public override ValueGetter<DataViewRowId> GetIdGetter()
        => (ref DataViewRowId value) => value = new DataViewRowId((ulong)CurrentRow, 0);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        base.Dispose(disposing);
    }

    private int CheckColumn(DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= _columns.Length || _columns[column.Index].Name != column.Name)
            throw new ArgumentException($"Column '{column.Name}' does not belong to this cursor's schema.", nameof(column));
        return column.Index;
    }
}
