using System.Diagnostics;
using TorchSharp;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>The process's memory at one moment: resident set, its peak, the managed heap and TorchSharp's live tensors.</summary>
/// <param name="Label">When it was taken.</param>
/// <param name="WorkingSetBytes">Resident set (<see cref="Process.WorkingSet64"/>); after a collection also after trimming the native heap (<see cref="CnnZoo.Architectures.NativeAllocator.ReleaseFreedMemory"/>).</param>
/// <param name="UntrimmedWorkingSetBytes">Resident set before the native heap was trimmed (equal to <paramref name="WorkingSetBytes"/> without a collection).</param>
/// <param name="PeakWorkingSetBytes">Peak resident set of the process so far (<see cref="Process.PeakWorkingSet64"/>).</param>
/// <param name="ManagedBytes">Managed heap in use (<see cref="GC.GetTotalMemory(bool)"/>).</param>
/// <param name="GcCommittedBytes">Memory the GC has committed.</param>
/// <param name="Gen2Collections">Full collections so far.</param>
/// <param name="LiveTensors">Tensors created on this thread and not yet disposed (TorchSharp's thread statistics).</param>
public sealed record MemorySnapshot(string Label, long WorkingSetBytes, long UntrimmedWorkingSetBytes, long PeakWorkingSetBytes, long ManagedBytes, long GcCommittedBytes, int Gen2Collections, long LiveTensors)
{
    /// <summary>
    /// Takes a snapshot; with <paramref name="collect"/> after two full collections (the finalizers in between) and then
    /// again after trimming the native heap.
    /// </summary>
    public static MemorySnapshot Take(string label, bool collect)
    {
        using var process = Process.GetCurrentProcess();
        if (collect)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        process.Refresh();
        var untrimmed = process.WorkingSet64;
        if (collect && CnnZoo.Architectures.NativeAllocator.ReleaseFreedMemory()) process.Refresh();
        var info = GC.GetGCMemoryInfo();
        return new MemorySnapshot(label, process.WorkingSet64, untrimmed, process.PeakWorkingSet64, GC.GetTotalMemory(false), info.TotalCommittedBytes,
            GC.CollectionCount(2), DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    /// <summary>Bytes as MiB.</summary>
    public static double MiB(long bytes) => bytes / (1024.0 * 1024.0);
}
