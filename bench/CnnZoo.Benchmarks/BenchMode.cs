namespace CnnZoo.Benchmarks;

/// <summary>What <c>cnnzoo bench</c> times.</summary>
public enum BenchMode
{
    /// <summary>One inference forward pass (eval mode, no_grad).</summary>
    Forward,
    /// <summary>One training step: forward, cross-entropy, backward, SGD step (train mode).</summary>
    Train,
    /// <summary>Forward, then train.</summary>
    Both,
}
