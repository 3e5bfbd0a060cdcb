using System.Runtime.InteropServices;
using CnnZoo.Architectures.Models;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Tests;

/// <summary>Where NNPACK cannot start (hidden CPU caches), libtorch does not print its failure for every convolution.</summary>
[TestClass]
public sealed class NnpackTests
{
    [TestMethod]
    public void IsOffExactlyWhereTheCachesAreHidden()
    {
        TorchRuntime.EnsureAvailable();
        Assert.AreEqual(!CpuCaches.AreHidden, Nnpack.IsUserEnabled, $"caches hidden: {CpuCaches.AreHidden}");
    }

    [TestMethod]
    public void BatchOfOneForwardWritesNothingAboutNnpackToStandardError()
    {
        Assert.IsTrue(OperatingSystem.IsLinux(), "redirects file descriptor 2 with libc; the project's CI runs on Linux");
        TorchRuntime.EnsureAvailable();
        using var model = ModelZoo.Create("resnet20_cifar", new ModelOptions { NumClasses = 10 });
        model.eval();
        var written = CaptureNativeStandardError(() =>
        {
            using var noGrad = no_grad();
            for (var i = 0; i < 2; i++)
            {
                using var scope = NewDisposeScope();
                model.call(randn(1, model.Options.InChannels, 28, 28)); // batch 1 on small maps: not oneDNN, so NNPACK is considered
            }
        });
        Assert.DoesNotContain("NNPACK", written, written);
    }

    // Points file descriptor 2 (where libtorch's C++ logging goes) at a temporary file while the action runs.
    private static string CaptureNativeStandardError(Action action)
    {
        var path = Path.GetTempFileName();
        var saved = Dup(2);
        var file = Open(path, 1 /* O_WRONLY */ | 0x200 /* O_TRUNC */, 0);
        Assert.IsTrue(saved >= 0 && file >= 0, "dup/open failed");
        try
        {
            Assert.AreEqual(2, Dup2(file, 2));
            action();
        }
        finally
        {
            Dup2(saved, 2);
            Close(file);
            Close(saved);
        }
        var text = File.ReadAllText(path);
        File.Delete(path);
        return text;
    }

    [DllImport("libc", EntryPoint = "dup")] private static extern int Dup(int fd);
    [DllImport("libc", EntryPoint = "dup2")] private static extern int Dup2(int fd, int target);
    [DllImport("libc", EntryPoint = "open")] private static extern int Open([MarshalAs(UnmanagedType.LPStr)] string path, int flags, int mode);
    [DllImport("libc", EntryPoint = "close")] private static extern int Close(int fd);
}
