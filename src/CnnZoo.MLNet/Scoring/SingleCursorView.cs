using Microsoft.ML;

namespace CnnZoo.MLNet.Scoring;

/// <summary>
/// Hands out one cursor where ML.NET would split a scan across threads. The CNN mapper batches rows by reading ahead on
/// its own cursor, which only lines up with an unsplit scan; libtorch already uses every core inside each batch.
/// </summary>
internal sealed class SingleCursorView(IDataView inner) : IDataView
{
    public bool CanShuffle => inner.CanShuffle;
    public DataViewSchema Schema => inner.Schema;
    public long? GetRowCount() => inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        => inner.GetRowCursorSet(columnsNeeded, 1, rand)[0];

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => [GetRowCursor(columnsNeeded, rand)];
}
