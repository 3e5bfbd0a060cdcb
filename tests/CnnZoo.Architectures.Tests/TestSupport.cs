using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Tests;

/// <summary>Committed fixtures (see Fixtures/gen_golden.py for how the torchvision ones were made).</summary>
internal static class Fixtures
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static JsonElement Load(string file)
    {
        using var stream = File.OpenRead(Path.Combine(Folder, file));
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    public static readonly Lazy<JsonElement> Oracle = new(() => Load("arch-oracle.json"));
    public static readonly Lazy<JsonElement> TorchvisionKeys = new(() => Load("torchvision_state_dict_keys.json").GetProperty("models"));
    public static readonly Lazy<JsonElement> TorchvisionLogits = new(() => Load("torchvision_golden_logits.json"));
}

/// <summary>Live-tensor accounting on the current thread.</summary>
internal static class LiveTensors
{
    public static long Count => DisposeScopeManager.Statistics.ThreadTotalLiveCount;
}

/// <summary>The deterministic fill of gen_golden.py, bit for bit (integer hash, then float64 arithmetic, then float32).</summary>
internal static class GoldenFill
{
    public static double Base(long index, int keyHash)
    {
        var u = (ulong)(index * 2654435761L + keyHash * 40503L) & 0xFFFFFFFFUL;
        return 2.0 * (u / 4294967296.0) - 1.0;
    }

    public static int KeyHash(string key) => System.Text.Encoding.UTF8.GetBytes(key).Sum(b => b) % 1000;

    public static float[] Values(string key, long[] shape)
    {
        var n = shape.Aggregate(1L, (a, b) => a * b);
        var h = KeyHash(key);
        var values = new float[n];
        var fanIn = shape.Length >= 2 ? (double)n / shape[0] : 1;
        for (long i = 0; i < n; i++)
        {
            var b = Base(i, h);
            double v;
            if (key.EndsWith("running_var", StringComparison.Ordinal)) v = 0.5 + 0.25 * (b + 1.0);
            else if (key.EndsWith("running_mean", StringComparison.Ordinal)) v = 0.1 * b;
            else if (shape.Length >= 2) v = b * 2.0 / Math.Sqrt(fanIn);
            else if (key.EndsWith(".weight", StringComparison.Ordinal)) v = 1.0 + 0.1 * b;
            else v = 0.05 * b;
            values[i] = (float)v;
        }
        return values;
    }

    /// <summary>Overwrites every state_dict entry of <paramref name="module"/> with the golden fill.</summary>
    public static void Apply(nn.Module module)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var (key, target) in module.state_dict())
        {
            if (key.EndsWith("num_batches_tracked", StringComparison.Ordinal)) { target.zero_(); continue; }
            target.copy_(tensor(Values(key, target.shape)).view(target.shape));
        }
    }

    public static Tensor Input(long[] shape)
    {
        var n = shape.Aggregate(1L, (a, b) => a * b);
        var values = new float[n];
        for (long j = 0; j < n; j++) values[j] = (float)Math.Sin(0.013 * j);
        return tensor(values).view(shape);
    }
}
