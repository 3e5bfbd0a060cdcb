using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Internal.MlNetBridge;

/// <summary>The ML.NET internals CnnZoo needs, in one place.</summary>
internal static class MlNetInternals
{
    /// <summary>The MLContext's host environment behind a catalog (internal in ML.NET).</summary>
    public static IHostEnvironment GetEnvironment(object catalog) =>
        catalog is IInternalCatalog internalCatalog ? internalCatalog.Environment
            : throw new ArgumentException($"{catalog?.GetType().Name ?? "null"} is not an ML.NET catalog.", nameof(catalog));
}
