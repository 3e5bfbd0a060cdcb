namespace CnnZoo.Architectures;

/// <summary>
/// Turns libtorch's NNPACK convolutions off where they cannot start. NNPACK needs the CPU's cache sizes; where they are
/// hidden (<see cref="CpuCaches.AreHidden"/>) its initialisation fails, and libtorch 2.10 then prints "Could not
/// initialize NNPACK! Reason: Unsupported hardware." for every convolution it considers for NNPACK (batch-1 and
/// other small inputs oneDNN is not used for): 138 lines in one default <c>./cnnzoo compare</c>. Disabled, libtorch
/// goes straight to the kernels it would have used after the failure, so results and speed are unchanged.
/// </summary>
internal static class Nnpack
{
    /// <summary>Disables NNPACK where the caches are hidden (libtorch must be loaded); returns true if it did.</summary>
    public static bool DisableWhereUnavailable()
    {
        if (!CpuCaches.AreHidden) return false;
        try
        {
            LibtorchContext.NnpackEnabled = false;
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { return false; } // another libtorch build: leave it
    }

    /// <summary>libtorch's own switch (<c>torch.backends.nnpack.enabled</c> in PyTorch).</summary>
    public static bool IsUserEnabled => LibtorchContext.NnpackEnabled;
}
