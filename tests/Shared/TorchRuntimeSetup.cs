using CnnZoo.Architectures;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CnnZoo.Tests.Shared;

/// <summary>
/// Loads libtorch through CnnZoo before any test runs, as an application's first model does: tests that call TorchSharp
/// directly must not reach oneDNN before <see cref="TorchRuntime.EnsureAvailable"/> has set it up for this CPU.
/// </summary>
[TestClass]
public static class TorchRuntimeSetup
{
    /// <summary>Runs once per test assembly.</summary>
    [AssemblyInitialize]
    public static void LoadLibtorch(TestContext context) => TorchRuntime.EnsureAvailable();
}
