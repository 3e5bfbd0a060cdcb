using TorchSharp;

namespace CnnZoo.Architectures.Tests;

/// <summary>Freed CPU tensor memory stays in the process (no page faults to take it back), and the opt-out gives it back.</summary>
[TestClass]
public sealed class NativeAllocatorTests
{
    private const int Blocks = 8;
    private const long BlockBytes = 40L << 20; // over glibc's 32 MiB threshold, where blocks would be mapped and unmapped
    private static long PagesPerRound => Blocks * BlockBytes / Environment.SystemPageSize;

    [TestMethod]
    public void FreedTensorMemoryIsReusedWithoutPageFaults()
    {
        TorchRuntime.EnsureAvailable();
        Assert.IsTrue(OperatingSystem.IsLinux(), "these tests read /proc; the project's CI runs on Linux");
        Assert.IsTrue(NativeAllocator.KeepFreedMemory, "on by default");
        Assert.IsTrue(NativeAllocator.IsActive, "glibc is this machine's C library");

        // The heap settles over the first rounds (each may land a little higher); after that, rounds reuse its pages.
        for (var round = 0; round < 8; round++) Churn();
        var faults = MinorFaults();
        const int rounds = 4;
        for (var round = 0; round < rounds; round++) Churn();
        var perRound = (MinorFaults() - faults) / (double)rounds;
        Assert.IsTrue(perRound < PagesPerRound / 10.0, $"{perRound:0} page faults per round of {PagesPerRound} pages of freed and re-allocated tensors");
    }

    [TestMethod]
    public void TurningItOffGivesTheMemoryBack()
    {
        TorchRuntime.EnsureAvailable();
        try
        {
            var peak = Churn();
            var kept = ResidentBytes();
            Assert.IsTrue(kept >= peak - Blocks * BlockBytes / 4, $"kept: {peak >> 20} MiB resident with the blocks, {kept >> 20} MiB after freeing them");

            NativeAllocator.KeepFreedMemory = false;
            Assert.IsFalse(NativeAllocator.IsActive);
            var givenBack = kept - ResidentBytes();
            Assert.IsTrue(givenBack >= Blocks * BlockBytes * 3 / 4, $"turned off, the freed blocks go back: {givenBack >> 20} MiB of {Blocks * BlockBytes >> 20} MiB");
        }
        finally { NativeAllocator.KeepFreedMemory = true; }
        Assert.IsTrue(NativeAllocator.IsActive);
    }

    [TestMethod]
    public void ReleasingFreedMemoryGivesItBackAndKeepsTheSetting()
    {
        TorchRuntime.EnsureAvailable();
        var peak = Churn();
        var kept = ResidentBytes();
        Assert.IsTrue(kept >= peak - Blocks * BlockBytes / 4, $"kept: {peak >> 20} MiB resident with the blocks, {kept >> 20} MiB after freeing them");
        Assert.IsTrue(NativeAllocator.ReleaseFreedMemory());
        var givenBack = kept - ResidentBytes();
        Assert.IsTrue(givenBack >= Blocks * BlockBytes * 3 / 4, $"released: {givenBack >> 20} MiB of {Blocks * BlockBytes >> 20} MiB");
        Assert.IsTrue(NativeAllocator.KeepFreedMemory && NativeAllocator.IsActive, "releasing once does not turn the setting off");
    }

    // Allocates and touches Blocks tensors, frees them; returns the resident set at the peak.
    private static long Churn()
    {
        var tensors = new torch.Tensor[Blocks];
        for (var i = 0; i < Blocks; i++) tensors[i] = torch.ones(BlockBytes / sizeof(float));
        var peak = ResidentBytes();
        foreach (var t in tensors) t.Dispose();
        return peak;
    }

    private static long MinorFaults() => long.Parse(File.ReadAllText("/proc/self/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[7]);

    private static long ResidentBytes() => long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1]) * Environment.SystemPageSize;
}
