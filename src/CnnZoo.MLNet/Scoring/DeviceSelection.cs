using CnnZoo.MLNet.Bridge;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Scoring;

/// <summary>Picks the TorchSharp device as ML.NET does: an explicit device, else MLContext.GpuDeviceId with FallbackToCpu, else CPU.</summary>
internal static class DeviceSelection
{
    public static torch.Device For(IHostEnvironment env, torch.Device? explicitDevice)
    {
        CnnZoo.Architectures.TorchRuntime.EnsureAvailable();
        if (explicitDevice is not null) return explicitDevice;
        if (MlNetEnvironment.Gpu(env) is (int gpu, bool fallbackToCpu))
        {
            if (torch.cuda.is_available() && gpu < torch.cuda.device_count()) return new torch.Device(DeviceType.CUDA, gpu);
            var seen = $"MLContext.GpuDeviceId is {gpu} but TorchSharp sees {(torch.cuda.is_available() ? $"{torch.cuda.device_count()} CUDA device(s)" : "no CUDA device (reference a CUDA build of TorchSharp)")}";
            if (!fallbackToCpu) throw new InvalidOperationException($"{seen}; set MLContext.FallbackToCpu = true to use the CPU.");
            using var log = MlNetEnvironment.StartLog(env, nameof(DeviceSelection));
            log.Warning($"{seen}; using the CPU instead (MLContext.FallbackToCpu).");
            return torch.CPU;
        }
        return torch.CPU;
    }
}
