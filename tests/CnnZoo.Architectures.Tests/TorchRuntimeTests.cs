namespace CnnZoo.Architectures.Tests;

[TestClass]
public sealed class TorchRuntimeTests
{
    private static readonly NotSupportedException RawFailure = new("This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64, Version=2.10.0.1.\n\nConsider referencing ...\nTrace from LoadNativeBackend: ...");

    [TestMethod]
    public void OldLibstdcxxIsNamedWithTheFix()
    {
        var oldRuntime = Path.GetTempFileName();
        try
        {
            File.WriteAllText(oldRuntime, "GLIBCXX_3.4.29 GLIBCXX_3.4.30");
            var message = TorchRuntime.Explain(RawFailure, oldRuntime);
            StringAssert.Contains(message, "GLIBCXX_3.4.32");
            StringAssert.Contains(message, "eng/setup.sh");
            StringAssert.Contains(message, oldRuntime);
            Assert.IsFalse(message.Contains("Trace from LoadNativeBackend", StringComparison.Ordinal), "the raw trace stays in InnerException");
        }
        finally { File.Delete(oldRuntime); }
    }

    [TestMethod]
    public void MissingRuntimePackageIsNamed()
    {
        var newRuntime = Path.GetTempFileName();
        try
        {
            File.WriteAllText(newRuntime, "GLIBCXX_3.4.32");
            var message = TorchRuntime.Explain(RawFailure, newRuntime);
            StringAssert.Contains(message, "TorchSharp-cpu");
            Assert.IsFalse(message.Contains("GLIBCXX", StringComparison.Ordinal));
            StringAssert.Contains(TorchRuntime.Explain(RawFailure, null), "TorchSharp-cpu");
        }
        finally { File.Delete(newRuntime); }
    }

    [TestMethod]
    public void ThisMachineLoadsLibtorch() => TorchRuntime.EnsureAvailable();
}
