using System.Text.Json;
using System.Text.Json.Serialization;

namespace CnnZoo.Benchmarks.Peer;

/// <summary>
/// One workload of the PyTorch peer's <c>workloads.json</c> (<c>../shared/tools/peers/</c>): a model, an input shape, a
/// batch and the untimed/timed step counts of its training and inference phases.
/// </summary>
public sealed record PeerWorkload
{
    /// <summary>Workload name (<c>resnet18_32</c>).</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>The peer's model name, which is also the zoo's registry name.</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }
    /// <summary>[C, H, W].</summary>
    [JsonPropertyName("input")] public required int[] Input { get; init; }
    /// <summary>Images per step.</summary>
    [JsonPropertyName("batch")] public required int Batch { get; init; }
    /// <summary>Output classes.</summary>
    [JsonPropertyName("classes")] public required int Classes { get; init; }
    /// <summary>Untimed training steps first.</summary>
    [JsonPropertyName("train_warmup")] public int TrainWarmup { get; init; }
    /// <summary>Timed training steps at most.</summary>
    [JsonPropertyName("train_steps")] public int TrainSteps { get; init; }
    /// <summary>Untimed forward passes first.</summary>
    [JsonPropertyName("infer_warmup")] public int InferWarmup { get; init; }
    /// <summary>Timed forward passes at most.</summary>
    [JsonPropertyName("infer_steps")] public int InferSteps { get; init; }

    /// <summary>The same workload with <paramref name="steps"/> timed steps and at most one warm-up step per phase (the peer's <c>--steps</c>).</summary>
    public PeerWorkload WithSteps(int steps) => this with
    {
        TrainSteps = steps, InferSteps = steps, TrainWarmup = Math.Min(TrainWarmup, 1), InferWarmup = Math.Min(InferWarmup, 1),
    };
}

/// <summary>The peer's <c>workloads.json</c>: its workloads and the time after which a timed phase stops early.</summary>
public sealed record PeerWorkloads
{
    /// <summary>Seconds of timed work after which a phase stops (at least 3 steps).</summary>
    [JsonPropertyName("max_measure_seconds")] public double MaxMeasureSeconds { get; init; } = 35;
    /// <summary>The workloads in file order.</summary>
    [JsonPropertyName("workloads")] public IReadOnlyList<PeerWorkload> Workloads { get; init; } = [];

    /// <summary>Where the peer lives beside a checkout: <c>../shared/tools/peers/workloads.json</c>.</summary>
    public static string DefaultPath(string repositoryRoot) =>
        Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "tools", "peers", "workloads.json"));

    /// <summary>Reads the file; a missing or malformed file is an <see cref="InvalidDataException"/> naming it.</summary>
    public static PeerWorkloads Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The peer's workloads file '{path}' does not exist; pass --workloads-file.", path);
        try
        {
            var loaded = JsonSerializer.Deserialize<PeerWorkloads>(File.ReadAllText(path)) ?? throw new InvalidDataException("empty");
            foreach (var w in loaded.Workloads)
                if (w.Input.Length != 3 || w.Batch < 1 || w.Classes < 2 || w.TrainSteps < 1 || w.InferSteps < 1)
                    throw new InvalidDataException($"workload '{w.Name}' needs input [C, H, W], batch ≥ 1, classes ≥ 2 and ≥ 1 timed step per phase");
            return loaded;
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"'{path}' is not a workloads file: {ex.Message}", ex);
        }
    }
}
