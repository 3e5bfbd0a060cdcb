using System.Runtime.InteropServices;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>
/// Asks glibc to hand freed heap pages back to the system (<c>malloc_trim(0)</c>), so that the resident set measures
/// memory still in use rather than what the allocator keeps cached; libtorch frees and re-allocates its tensors through
/// it every step. A no-op where there is no glibc (Windows, macOS, musl).
/// </summary>
internal static class NativeHeap
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Trims the native heap; returns false where that is not possible.</summary>
    public static bool Trim()
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

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
