using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Bridge;

/// <summary>What CnnZoo reads from an MLContext that ML.NET keeps internal: its host environment, seed and GPU settings.</summary>
internal static class MlNetEnvironment
{
    /// <summary>The MLContext's host environment behind a catalog.</summary>
    public static IHostEnvironment Of(object catalog)
    {
        MlNetCompatibility.EnsureSupported();
        return catalog is IInternalCatalog internalCatalog ? internalCatalog.Environment
            : throw new ArgumentException($"{catalog?.GetType().Name ?? "null"} is not an ML.NET catalog.", nameof(catalog));
    }

    /// <summary>A named child host (ML.NET's logging source and random stream).</summary>
    public static IHost Register(IHostEnvironment env, string name)
    {
        ArgumentNullException.ThrowIfNull(env);
        return env.Register(name);
    }

    /// <summary>The MLContext's seed, or null when it was created without one.</summary>
    public static int? Seed(IHostEnvironment env) => env is IHostEnvironmentInternal { Seed: int seed } ? seed : null;

    /// <summary>MLContext.GpuDeviceId and FallbackToCpu, or null when no GPU was asked for.</summary>
    public static (int DeviceId, bool FallbackToCpu)? Gpu(IHostEnvironment env) =>
        env is IHostEnvironmentInternal { GpuDeviceId: int gpu } internalEnv ? (gpu, internalEnv.FallbackToCpu) : null;

    /// <summary>A log on the MLContext's log channel (what <c>MLContext.Log</c> reports), named for its source.</summary>
    public static MlNetLog StartLog(IHostEnvironment env, string source)
    {
        ArgumentNullException.ThrowIfNull(env);
        return new MlNetLog(env.Start(source));
    }
}

/// <summary>Informational lines and warnings to the MLContext's log; dispose it when the operation ends.</summary>
internal sealed class MlNetLog(IChannel channel) : IDisposable
{
    public void Info(string message) => channel.Info(message);
    public void Warning(string message) => channel.Warning(message);
    public void Dispose() => channel.Dispose();
}
