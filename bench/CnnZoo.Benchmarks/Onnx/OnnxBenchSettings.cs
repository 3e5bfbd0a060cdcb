namespace CnnZoo.Benchmarks.Onnx;

/// <summary>Settings of <c>cnnzoo bench-onnx</c>: which nets, the throughput batch, rounds.</summary>
public sealed record OnnxBenchSettings
{
    /// <summary>The nets the issue asks for: a small one at 32×32 and two ImageNet nets at 224×224.</summary>
    public static IReadOnlyList<string> DefaultModels { get; } = ["lenet5", "resnet18", "googlenet"];

    /// <summary>Registry names to time.</summary>
    public IReadOnlyList<string> Models { get; init; } = DefaultModels;

    /// <summary>Square input side; null: each architecture's canonical size (32 for lenet5, 224 for the ImageNet nets).</summary>
    public int? InputSize { get; init; }

    /// <summary>Images per batch of the throughput case (the latency case is always batch 1).</summary>
    public int Batch { get; init; } = 64;

    /// <summary>Timed rounds per case; null: about <see cref="SecondsPerCase"/> of rounds.</summary>
    public int? Iterations { get; init; }

    /// <summary>Untimed rounds first.</summary>
    public int Warmup { get; init; } = 3;

    /// <summary>Target time of the timed rounds per case when <see cref="Iterations"/> is null.</summary>
    public double SecondsPerCase { get; init; } = 10;

    /// <summary>Intra-op threads for both runtimes; null: libtorch's default, given to ONNX Runtime too.</summary>
    public int? Threads { get; init; }
}
