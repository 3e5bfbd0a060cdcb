using System.Runtime.InteropServices;
using TorchSharp;

namespace CnnZoo.Architectures;

/// <summary>libtorch could not be loaded; the message says why and what to do.</summary>
public sealed class TorchRuntimeUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// First contact with libtorch. TorchSharp's own failure is a NotSupportedException with a long load trace that hides the
/// usual causes; this turns it into one actionable message.
/// </summary>
public static class TorchRuntime
{
    /// <summary>The libstdc++ symbol version that TorchSharp 0.107's libtorch (built with GCC 13) needs.</summary>
    public const string RequiredGlibcxx = "GLIBCXX_3.4.32";

    private static readonly Lock Gate = new();
    private static bool _available;

    /// <summary>
    /// Loads libtorch once and applies <see cref="NativeAllocator.KeepFreedMemory"/>; throws
    /// <see cref="TorchRuntimeUnavailableException"/> with a fix if it cannot.
    /// </summary>
    public static void EnsureAvailable()
    {
        if (_available) return;
        lock (Gate)
        {
            if (_available) return;
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception ex) when (ex is NotSupportedException or DllNotFoundException or TypeInitializationException or InvalidOperationException or EntryPointNotFoundException)
            {
                throw new TorchRuntimeUnavailableException(Explain(ex, FindLibstdcxx()), ex);
            }
            NativeAllocator.Apply();
            Nnpack.DisableWhereUnavailable();
            OneDnnCacheSizes.Correct(); // before oneDNN plans its first convolution
            _available = true;
        }
    }

    /// <summary>The actionable message for a native load failure, given the libstdc++ found on this machine (null if none or not Linux).</summary>
    public static string Explain(Exception failure, string? libstdcxxPath)
    {
        var reason = FirstLine(failure);
        if (libstdcxxPath is not null && !FileContains(libstdcxxPath, RequiredGlibcxx))
        {
            return $"TorchSharp could not load libtorch: the system C++ runtime ({libstdcxxPath}) lacks {RequiredGlibcxx}, which libtorch 2.10 needs (GCC 13 or newer). " +
                   "On Debian 12 run `bash eng/setup.sh` from the CnnZoo.MLNet checkout (it installs libstdc++6 from Debian 13 at low pin priority); " +
                   "elsewhere install libstdc++ from GCC 13+. Ubuntu 24.04+, Debian 13+, Windows and macOS need nothing. (TorchSharp said: " + reason + ")";
        }
        return "TorchSharp could not load libtorch. Reference a libtorch runtime package in the application (TorchSharp-cpu, or libtorch-cpu " +
               "for the CPU build) and make sure its native files were restored for this platform (linux-x64, win-x64, osx-arm64). (TorchSharp said: " + reason + ")";
    }

    private static string FirstLine(Exception ex)
    {
        var inner = ex is TypeInitializationException { InnerException: { } e } ? e : ex;
        var text = inner.Message.Trim();
        var newline = text.IndexOf('\n');
        return newline < 0 ? text : text[..newline].Trim();
    }

    /// <summary>Path of the libstdc++ the dynamic loader would pick on Linux; null elsewhere or when none is found.</summary>
    public static string? FindLibstdcxx()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
        string[] candidates =
        [
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    private static bool FileContains(string path, string ascii)
    {
        try
        {
            var needle = System.Text.Encoding.ASCII.GetBytes(ascii);
            return File.ReadAllBytes(path).AsSpan().IndexOf(needle) >= 0;
        }
        catch (IOException) { return true; } // unreadable: do not blame it
        catch (UnauthorizedAccessException) { return true; }
    }
}
