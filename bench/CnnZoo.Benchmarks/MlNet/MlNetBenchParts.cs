namespace CnnZoo.Benchmarks.MlNet;

/// <summary>The measurements of <c>cnnzoo bench-mlnet</c>; combine them to run several.</summary>
[Flags]
public enum MlNetBenchParts
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>Training throughput: the CnnZoo ML.NET trainer against a hand-written TorchSharp loop.</summary>
    Train = 1,
    /// <summary>Batched <c>Transform</c> scoring against a raw forward pass.</summary>
    Score = 2,
    /// <summary><c>PredictionEngine</c> single-image latency.</summary>
    Predict = 4,
    /// <summary>Memory across 10 short training epochs (flatness).</summary>
    Memory = 8,
    /// <summary>Every measurement.</summary>
    All = Train | Score | Predict | Memory,
}
