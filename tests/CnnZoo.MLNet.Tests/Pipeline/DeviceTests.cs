using Microsoft.ML;

namespace CnnZoo.MLNet.Tests;

/// <summary>MLContext.GpuDeviceId / FallbackToCpu are honoured as ML.NET's own GPU trainers do (no CUDA build here).</summary>
[TestClass]
public sealed class DeviceTests
{
    [TestMethod]
    public void GpuRequestFallsBackToCpuWhenAllowed()
    {
        var ml = new MLContext(1) { GpuDeviceId = 0, FallbackToCpu = true };
        var warnings = new List<string>();
        ml.Log += (_, e) => { if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning) lock (warnings) warnings.Add(e.Message); };
        using var model = (IDisposable)FashionMnist.LeNetPipeline(ml).Fit(FashionMnist.Train(ml, 64));
        var cnn = ((IEnumerable<ITransformer>)model).OfType<Scoring.CnnTransformer>().Single();
        Assert.AreEqual(TorchSharp.DeviceType.CPU, cnn.Network.Device.type);
        Assert.IsTrue(warnings.Any(w => w.Contains("GpuDeviceId is 0", StringComparison.Ordinal) && w.Contains("using the CPU", StringComparison.Ordinal)), string.Join('\n', warnings));
    }

    [TestMethod]
    public void GpuRequestWithoutFallbackExplainsWhatToDo()
    {
        var ml = new MLContext(1) { GpuDeviceId = 0, FallbackToCpu = false };
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => FashionMnist.LeNetPipeline(ml).Fit(FashionMnist.Train(ml, 64)));
        StringAssert.Contains(error.Message, "GpuDeviceId");
        StringAssert.Contains(error.Message, "FallbackToCpu");
    }
}
