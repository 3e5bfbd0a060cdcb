using System.Runtime.InteropServices;

namespace CnnZoo.Architectures;

/// <summary>
/// Keeps libtorch's oneDNN off its AVX2 and AVX-512 kernels where the CPU's cache sizes are unknown
/// (<see cref="CpuCaches.AreHidden"/>). oneDNN's CPU detector (xbyak) assumes three cache levels on every AMD CPU and
/// reads their sizes from CPUID leaf 0x8000001D; a hypervisor that hides the caches returns zeros there, which xbyak
/// turns into 1-byte caches, and the brgemm kernels' blocking heuristics size their tiles for those. On such an AMD EPYC
/// VM with AVX-512, TorchSharp 0.107's oneDNN 3.7.1 went wrong: ResNet-50 training died of an integer divide error in
/// <c>brgemm_convolution_bwd_utils::brg_blocking_t::est_eff_1x1</c>, and with AVX-512 GoogLeNet at 64×64 came out
/// 1.8–4.5 % off a float64 forward. (An Intel CPU that hides leaf 4 gets oneDNN's default sizes instead.) Capped at
/// <c>AVX</c>, oneDNN uses its AVX direct convolutions and jit GEMM, which need no brgemm blocking: every registry
/// model trained and matched float64, at 1.8× (training) to 3.3× (inference) the speed of the SSE4.1 cap tried first.
/// oneDNN reads the variable once, at its first primitive, so <see cref="TorchRuntime.EnsureAvailable"/> sets it in the
/// C environment before any model exists. A value the user set (<c>ONEDNN_MAX_CPU_ISA</c> or <c>DNNL_MAX_CPU_ISA</c>)
/// is left alone.
/// </summary>
internal static class OneDnnIsa
{
    public const string Variable = "ONEDNN_MAX_CPU_ISA";
    public const string Cap = "AVX";

    /// <summary>Sets the cap where it applies; returns true if it did.</summary>
    public static bool Apply()
    {
        if (!CpuCaches.AreHidden) return false;
        if (Environment.GetEnvironmentVariable(Variable) is not null || Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA") is not null) return false;
        try { return SetEnv(Variable, Cap, overwrite: 0) == 0; }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string value, int overwrite);
}
