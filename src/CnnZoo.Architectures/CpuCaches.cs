namespace CnnZoo.Architectures;

/// <summary>
/// Whether the kernel knows this CPU's cache hierarchy. Some hypervisors report none (no
/// <c>/sys/devices/system/cpu/cpu0/cache</c>; <c>lscpu</c> lists no caches), and libtorch's CPU libraries that size
/// their kernels from it then misbehave: see <see cref="OneDnnCacheSizes"/> and <see cref="Nnpack"/>.
/// </summary>
internal static class CpuCaches
{
    private const string Folder = "/sys/devices/system/cpu/cpu0/cache";

    /// <summary>True on Linux when the cache folder is missing.</summary>
    public static bool AreHidden => OperatingSystem.IsLinux() && !Directory.Exists(Folder);
}
