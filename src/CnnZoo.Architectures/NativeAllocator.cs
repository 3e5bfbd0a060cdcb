using System.Runtime.InteropServices;

namespace CnnZoo.Architectures;

/// <summary>
/// What the C allocator does with the CPU memory of freed tensors. libtorch takes every activation and gradient from
/// <c>malloc</c> and frees it when the tensor goes; with glibc's defaults, freeing a step's large blocks hands them back
/// to the operating system, so the next step faults them in again page by page, zero-filled. That doubled a CIFAR
/// ResNet-20 training step on a 2-core VM, in TorchSharp and in PyTorch alike. CnnZoo therefore keeps freed memory in
/// the process for reuse (glibc's <c>M_TRIM_THRESHOLD</c>, <c>M_TOP_PAD</c>, <c>M_MMAP_THRESHOLD</c> and
/// <c>M_MMAP_MAX</c>, as the tunables <c>glibc.malloc.*</c> of those names would), the way PyTorch's CUDA caching
/// allocator keeps device memory. The cost: the process keeps its peak native working set after a large step.
/// </summary>
/// <remarks>
/// Linux with glibc only; elsewhere nothing changes and <see cref="IsActive"/> stays false. The setting is applied when
/// libtorch is first loaded (<see cref="TorchRuntime.EnsureAvailable"/>, which creating any model calls) and at once
/// when <see cref="KeepFreedMemory"/> is set after that. It is process-wide: it covers every native allocation, not only
/// CnnZoo's: all of them come from the heap (<c>M_MMAP_MAX</c> 0), none is given back until it is turned off.
/// </remarks>
public static class NativeAllocator
{
    /// <summary>The environment variable that sets <see cref="KeepFreedMemory"/>'s initial value: <c>0</c> turns it off.</summary>
    public const string EnvironmentVariable = "CNNZOO_KEEP_FREED_MEMORY";

    // mallopt parameters (malloc.h) and glibc's values for them.
    private const int TrimThresholdParameter = -1, TopPadParameter = -2, MmapThresholdParameter = -3, MmapMaxParameter = -4;
    private const int GlibcDefault = 128 * 1024; // the first three start at 128 KiB
    private const int GlibcDefaultMmapMax = 65536;
    private const int KeptTrimThreshold = int.MaxValue; // never trim the heap's end on free
    private const int KeptMmapMax = 0; // map nothing: every block comes from the heap and is reused
    private const int KeptTopPad = 64 * 1024 * 1024; // a thread's arena keeps its emptied 64 MiB heaps only while its top pad covers them
    private const int LargestHeapBlock = 32 * 1024 * 1024; // HEAP_MAX_SIZE / 2 on 64-bit: mallopt refuses more; glibc's adaptive ceiling

    private static readonly Lock Gate = new();
    private static bool _keepFreedMemory = Environment.GetEnvironmentVariable(EnvironmentVariable) != "0";
    private static bool _applied;
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>
    /// Keep freed tensor memory in the process for reuse (default <c>true</c>, or <c>false</c> when the environment
    /// variable <see cref="EnvironmentVariable"/> is <c>0</c>, which leaves glibc's behaviour untouched). Set it
    /// <c>false</c> after training in a process that must give the memory back, at the price of slower steps; that
    /// also returns the freed memory at once.
    /// </summary>
    public static bool KeepFreedMemory
    {
        get => _keepFreedMemory;
        set
        {
            lock (Gate)
            {
                _keepFreedMemory = value;
                if (_applied) Configure();
            }
        }
    }

    /// <summary>
    /// The same settings as glibc tunables, for a process CnnZoo does not start itself (<c>GLIBC_TUNABLES=…</c> in its
    /// environment): a PyTorch process compared with this one, for example.
    /// </summary>
    public static string GlibcTunables =>
        $"glibc.malloc.trim_threshold={KeptTrimThreshold}:glibc.malloc.top_pad={KeptTopPad}:glibc.malloc.mmap_threshold={LargestHeapBlock}:glibc.malloc.mmap_max={KeptMmapMax}";

    /// <summary>Whether freed memory is being kept in this process now (false before libtorch is loaded, and where the C library is not glibc).</summary>
    public static bool IsActive { get; private set; }

    /// <summary>
    /// Hands the freed memory the C allocator holds back to the operating system now (glibc's <c>malloc_trim(0)</c>),
    /// without changing <see cref="KeepFreedMemory"/>: the resident set then shows the memory still in use (what a
    /// memory measurement wants), and the next steps fault their blocks in again. Returns false where there is no glibc.
    /// </summary>
    public static bool ReleaseFreedMemory()
    {
        lock (Gate)
        {
            if (_unavailable) return false;
            try
            {
                MallocTrim(0);
                return true;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                _unavailable = true;
                return false;
            }
        }
    }

    /// <summary>Applies <see cref="KeepFreedMemory"/> once; <see cref="TorchRuntime.EnsureAvailable"/> calls it.</summary>
    internal static void Apply()
    {
        lock (Gate)
        {
            if (_applied) return;
            _applied = true;
            Configure();
        }
    }

    private static void Configure()
    {
        if (_unavailable) return;
        var keep = _keepFreedMemory;
        if (!keep && !IsActive) return; // never changed: glibc's own adaptive thresholds stay
        try
        {
            // Setting any of these stops glibc from adapting its thresholds itself. Turned off after being on, the trim
            // threshold and top pad go back to glibc's 128 KiB (freed memory at the heap's end is returned), while the
            // mapping threshold stays at the ceiling glibc's adaptation grows it to: a fixed 128 KiB would map and unmap
            // every activation, several times slower than either.
            var ok = Mallopt(TrimThresholdParameter, keep ? KeptTrimThreshold : GlibcDefault) == 1
                     & Mallopt(TopPadParameter, keep ? KeptTopPad : GlibcDefault) == 1
                     & Mallopt(MmapThresholdParameter, LargestHeapBlock) == 1
                     // Larger blocks (ResNet-18's first activation at 224², batch 16, is 51 MiB) would still be mapped
                     // and unmapped each time; with mapping off they come from the heap too.
                     & Mallopt(MmapMaxParameter, keep ? KeptMmapMax : GlibcDefaultMmapMax) == 1;
            if (!keep) MallocTrim(0);
            IsActive = ok && keep;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true; // musl or another C library: leave it as it is
            IsActive = false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
