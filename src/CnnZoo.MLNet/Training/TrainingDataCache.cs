using CnnZoo.MLNet.Data;
using Microsoft.ML;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// Stores read once and lent to many training runs (a comparison's trials and rungs): one <see cref="TensorStore"/> per
/// (data view, label column, image layout), with its channel statistics. Keyed by layout because encoded images are
/// decoded at each model's own size. The cache owns the stores; the runs that borrow them never dispose them.
/// Used on one thread at a time (trials run one after the other).
/// </summary>
internal sealed class TrainingDataCache : IDisposable
{
    private readonly List<Entry> _entries = [];
    private bool _disposed;

    /// <summary>Times a view was actually read into a store (a hit reads nothing).</summary>
    public int Reads { get; private set; }

    /// <summary>The store of <paramref name="data"/> in <paramref name="layout"/>, read now if this is the first time it is asked for.</summary>
    public TrainingData GetOrRead(IDataView data, string labelColumn, ImageColumnInfo layout, bool skipInvalidImages, CancellationToken cancellation, string what)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Skipping changes what is read, so a run that skips invalid images does not share one that fails on them.
        var entry = _entries.Find(e => ReferenceEquals(e.Data, data) && e.LabelColumn == labelColumn && e.Layout == layout && e.SkipInvalidImages == skipInvalidImages);
        if (entry is null)
        {
            entry = new Entry(data, labelColumn, layout, skipInvalidImages, TrainingDataReader.Read(data, labelColumn, layout, skipInvalidImages, cancellation, what));
            _entries.Add(entry);
            Reads++;
        }
        return entry.Read;
    }

    /// <summary>The channel statistics of a store this cache holds, computed on first use.</summary>
    public ChannelStatistics StatisticsOf(TensorStore store)
    {
        var entry = _entries.Find(e => ReferenceEquals(e.Read.Store, store))
            ?? throw new ArgumentException("The store is not one of this cache's.", nameof(store));
        return entry.Statistics ??= store.ComputeChannelStatistics();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var entry in _entries) entry.Read.Store.Dispose();
        _entries.Clear();
    }

    private sealed record Entry(IDataView Data, string LabelColumn, ImageColumnInfo Layout, bool SkipInvalidImages, TrainingData Read)
    {
        public ChannelStatistics? Statistics { get; set; }
    }
}
