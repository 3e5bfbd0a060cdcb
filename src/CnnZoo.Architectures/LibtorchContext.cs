using System.Runtime.InteropServices;

namespace CnnZoo.Architectures;

/// <summary>
/// libtorch's global backend switches (<c>at::Context</c>), which TorchSharp does not bind: PyTorch's
/// <c>torch.backends.nnpack.enabled</c> and <c>torch.backends.mkldnn.enabled</c>. libtorch must be loaded.
/// </summary>
internal static class LibtorchContext
{
    /// <summary>Whether libtorch may use NNPACK convolutions.</summary>
    public static bool NnpackEnabled
    {
        get => UserEnabledNnpack(GlobalContext());
        set => SetUserEnabledNnpack(GlobalContext(), value);
    }

    /// <summary>Whether libtorch may use oneDNN (mkldnn) kernels.</summary>
    public static bool OneDnnEnabled
    {
        get => UserEnabledMkldnn(GlobalContext());
        set => SetUserEnabledMkldnn(GlobalContext(), value);
    }

    // at::globalContext() and at::Context's switches (libtorch 2.10, Itanium C++ ABI: `this` is the first argument).
    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    private static extern IntPtr GlobalContext();

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    private static extern void SetUserEnabledNnpack(IntPtr context, [MarshalAs(UnmanagedType.I1)] bool enabled);

    [DllImport("libtorch_cpu", EntryPoint = "_ZNK2at7Context17userEnabledNNPACKEv")]
    [return: MarshalAs(UnmanagedType.I1)]
    private static extern bool UserEnabledNnpack(IntPtr context);

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static extern void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.I1)] bool enabled);

    [DllImport("libtorch_cpu", EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.I1)]
    private static extern bool UserEnabledMkldnn(IntPtr context);
}
