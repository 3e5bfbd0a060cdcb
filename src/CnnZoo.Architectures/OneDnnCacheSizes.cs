using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using TorchSharp;

namespace CnnZoo.Architectures;

/// <summary>What <see cref="OneDnnCacheSizes.Correct"/> found in libtorch's oneDNN.</summary>
internal enum OneDnnCacheState
{
    /// <summary>Not looked at: the CPU reports its caches (or this is not Linux on x64).</summary>
    NotChecked,

    /// <summary>oneDNN's cache sizes were plausible (or it already used its defaults): nothing was changed.</summary>
    Plausible,

    /// <summary>oneDNN read caches of a few bytes; it now uses its default sizes.</summary>
    Corrected,

    /// <summary>oneDNN's CPU descriptor was not found; libtorch's oneDNN (mkldnn) kernels were turned off instead.</summary>
    OneDnnDisabled,
}

/// <summary>
/// Gives libtorch's oneDNN usable cache sizes on CPUs that hide them (<see cref="CpuCaches.AreHidden"/>).
/// </summary>
/// <remarks>
/// oneDNN sizes the tiles of its AVX2 and AVX-512 (brgemm) convolutions from the per-core cache sizes that its bundled CPU
/// detector, xbyak, reads once. On every AMD CPU xbyak (oneDNN 3.7.1, <c>setCacheHierarchy</c>) records three cache
/// levels and computes each size from CPUID leaf 0x8000001D as (ways + 1) × (partitions + 1) × (line + 1) × (sets + 1).
/// A hypervisor that hides the caches returns zeros there, so oneDNN plans for 1-byte caches. On the December 2026
/// AMD EPYC development VM that made ResNet-50 training die of an integer divide error
/// (<c>brg_blocking_t::est_eff_1x1</c>), NHWC 1×1 convolutions come out 40–55 % wrong and GoogLeNet's NCHW forward 2 %
/// wrong. Where xbyak finds no cache levels at all (an Intel CPU hiding leaf 4), oneDNN uses its defaults instead:
/// 32 KiB, 512 KiB and 1 MiB per core (<c>platform::get_per_core_cache_size</c>). This class makes the AMD case take
/// that path: it finds xbyak's <c>Cpu</c> object (oneDNN's <c>cpu()</c>, a static inside libtorch_cpu, not exported) in
/// the library's writable data by its layout and by the CPUID family, model and stepping it holds, and sets its cache
/// levels, sizes and sharing counts to 0, the state xbyak leaves when CPUID lists no caches. With that, every registry
/// model matched its float64 forward to 2e-6 in both layouts and ResNet-50 trained, with oneDNN's AVX-512 kernels.
/// The object is built the first time oneDNN checks the CPU; a 2×2 matrix product does that without building any
/// convolution, so it runs first. If the object is not found exactly once (another libtorch build), oneDNN's kernels
/// are turned off (<c>torch.backends.mkldnn.enabled = False</c>): libtorch's own convolutions are slower but right.
/// </remarks>
internal static class OneDnnCacheSizes
{
    // xbyak's Cpu (oneDNN 3.7.1's bundled xbyak) in 32-bit words: Type type_ (2 × uint64), bool x2APIC_supported_,
    // uint32 numCores_[2], dataCacheSize_[10], coresSharignDataCache_[10], dataCacheLevels_, avx10version_, then int
    // model, family, stepping, extModel, extFamily, displayFamily, displayModel.
    private const int MaxCacheLevels = 10;
    private const int X2ApicWord = 4;
    private const int CacheSizeWord = 7;
    private const int CoresSharingWord = CacheSizeWord + MaxCacheLevels;
    private const int CacheLevelsWord = CoresSharingWord + MaxCacheLevels;
    private const int CpuIdWord = CacheLevelsWord + 2;
    private const int DescriptorWords = CpuIdWord + 7;

    // Below this a per-core cache size cannot be real (the smallest x86 L1 data cache is 8 KiB).
    internal const uint SmallestPlausibleCache = 4096;

    private const string Library = "libtorch_cpu.so";

    private static readonly Lazy<OneDnnCacheState> State = new(CorrectOnce);

    /// <summary>What was found (and done); corrects on first use. libtorch must be loaded.</summary>
    public static OneDnnCacheState Correct() => State.Value;

    private static OneDnnCacheState CorrectOnce()
    {
        if (!CpuCaches.AreHidden || !X86Base.IsSupported || !Environment.Is64BitProcess) return OneDnnCacheState.NotChecked;
        using (torch.NewDisposeScope()) torch.matmul(torch.ones(2, 2), torch.ones(2, 2)); // builds oneDNN's cpu()
        List<nint> descriptors;
        try { descriptors = FindDescriptors(ExpectedCpuId()); }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { descriptors = []; } // no dl_iterate_phdr
        if (descriptors.Count != 1)
        {
            DisableOneDnn();
            return OneDnnCacheState.OneDnnDisabled;
        }
        if (PerCoreCacheSizes(descriptors[0]).All(size => size >= SmallestPlausibleCache)) return OneDnnCacheState.Plausible;
        ForgetCaches(descriptors[0]);
        return OneDnnCacheState.Corrected;
    }

    /// <summary>The bytes per core of each cache level, as <c>platform::get_per_core_cache_size</c> computes them.</summary>
    internal static uint[] PerCoreCacheSizes(nint descriptor)
    {
        var levels = (uint)Marshal.ReadInt32(descriptor, CacheLevelsWord * 4);
        return [.. Enumerable.Range(0, (int)levels).Select(level =>
            (uint)Marshal.ReadInt32(descriptor, (CacheSizeWord + level) * 4) / Math.Max(1u, (uint)Marshal.ReadInt32(descriptor, (CoresSharingWord + level) * 4)))];
    }

    // xbyak's state when CPUID lists no caches: no levels, no sizes.
    private static void ForgetCaches(nint address)
    {
        for (var word = CacheSizeWord; word <= CacheLevelsWord; word++) Marshal.WriteInt32(address, word * 4, 0);
    }

    /// <summary>The seven words xbyak derives from CPUID leaf 1, in its order.</summary>
    internal static uint[] ExpectedCpuId()
    {
        var eax = (uint)X86Base.CpuId(1, 0).Eax;
        uint stepping = eax & 0xF, model = (eax >> 4) & 0xF, family = (eax >> 8) & 0xF;
        uint extModel = (eax >> 16) & 0xF, extFamily = (eax >> 20) & 0xFF;
        var displayFamily = family == 0xF ? family + extFamily : family;
        var displayModel = family is 6 or 0xF ? (extModel << 4) + model : model;
        return [model, family, stepping, extModel, extFamily, displayFamily, displayModel];
    }

    /// <summary>Addresses in libtorch_cpu's writable, non-RELRO data that hold an initialised xbyak Cpu for this CPU.</summary>
    internal static List<nint> FindDescriptors(uint[] cpuId)
    {
        var found = new List<nint>();
        foreach (var (start, length) in WritableData())
        {
            var bytes = new byte[length];
            Marshal.Copy(start, bytes, 0, bytes.Length);
            var words = MemoryMarshal.Cast<byte, uint>(bytes.AsSpan());
            var first = (int)((8 - start % 8) % 8) / 4; // the object is 8-byte aligned (it starts with uint64s)
            for (var w = first; w + DescriptorWords <= words.Length; w += 2)
                if (IsDescriptor(words.Slice(w, DescriptorWords), cpuId)) found.Add(start + w * 4);
        }
        return found;
    }

    private static bool IsDescriptor(ReadOnlySpan<uint> words, uint[] cpuId)
    {
        if (!words.Slice(CpuIdWord, cpuId.Length).SequenceEqual(cpuId)) return false;
        if (words[0] == 0 && words[1] == 0) return false; // no CPU features: not initialised
        if (words[X2ApicWord] > 1) return false;           // a bool and three zero padding bytes
        var levels = words[CacheLevelsWord];
        if (levels > MaxCacheLevels) return false;
        for (var level = (int)levels; level < MaxCacheLevels; level++)
            if (words[CacheSizeWord + level] != 0 || words[CoresSharingWord + level] != 0) return false;
        return true;
    }

    private static List<(nint Start, int Length)> WritableData()
    {
        var segments = new List<(nint, int)>();
        PhdrCallback callback = (info, _, _) =>
        {
            var header = Marshal.PtrToStructure<DlPhdrInfo>(info);
            var name = Marshal.PtrToStringAnsi(header.Name) ?? "";
            if (!Path.GetFileName(name).StartsWith(Library, StringComparison.Ordinal)) return 0;
            var programHeaders = Enumerable.Range(0, header.HeaderCount)
                .Select(i => Marshal.PtrToStructure<ProgramHeader>(header.Headers + i * Marshal.SizeOf<ProgramHeader>()))
                .ToList();
            var relro = programHeaders.Where(h => h.Type == GnuRelro).Select(h => (h.VirtualAddress, h.MemorySize)).FirstOrDefault();
            foreach (var h in programHeaders.Where(h => h.Type == Load && (h.Flags & Writable) != 0))
            {
                var start = h.VirtualAddress;
                var end = h.VirtualAddress + h.MemorySize;
                if (relro.MemorySize > 0 && relro.VirtualAddress >= start && relro.VirtualAddress + relro.MemorySize <= end)
                    start = relro.VirtualAddress + relro.MemorySize; // read-only after relocation
                if (end > start) segments.Add(((nint)(header.Address + start), (int)(end - start)));
            }
            return 0;
        };
        DlIteratePhdr(callback, 0);
        GC.KeepAlive(callback);
        return segments;
    }

    private static void DisableOneDnn()
    {
        try { LibtorchContext.OneDnnEnabled = false; }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { } // no such switch: nothing safer to do
    }

    private const uint Load = 1;
    private const uint GnuRelro = 0x6474e552;
    private const uint Writable = 2;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int PhdrCallback(nint info, nint size, nint data);

    [DllImport("libc", EntryPoint = "dl_iterate_phdr")]
    private static extern int DlIteratePhdr(PhdrCallback callback, nint data);

    [StructLayout(LayoutKind.Sequential)]
    private struct DlPhdrInfo
    {
        public ulong Address;
        public nint Name;
        public nint Headers;
        public ushort HeaderCount;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ProgramHeader
    {
        public uint Type;
        public uint Flags;
        public ulong Offset;
        public ulong VirtualAddress;
        public ulong PhysicalAddress;
        public ulong FileSize;
        public ulong MemorySize;
        public ulong Alignment;
    }
}
