namespace CnnZoo.MLNet.Comparison;

/// <summary>
/// Samples the process working set (managed and native memory alike, so libtorch's tensors count) on a timer and keeps
/// the highest value seen since it was created.
/// </summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public PeakMemorySampler(TimeSpan? interval = null)
    {
        var period = interval ?? TimeSpan.FromMilliseconds(25);
        _peak = Environment.WorkingSet;
        _timer = new Timer(_ => Sample(), null, period, period);
    }

    /// <summary>The highest working set seen so far, in bytes (sampled once more now).</summary>
    public long PeakBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    private void Sample()
    {
        var now = Environment.WorkingSet;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _peak);
            if (now <= seen) return;
        }
        while (Interlocked.CompareExchange(ref _peak, now, seen) != seen);
    }

    public void Dispose() => _timer.Dispose();
}
