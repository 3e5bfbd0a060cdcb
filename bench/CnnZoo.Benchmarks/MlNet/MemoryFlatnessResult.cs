namespace CnnZoo.Benchmarks.MlNet;

/// <summary>Memory at the end of every epoch of a short training run, after full garbage collections.</summary>
/// <param name="Model">Registry name.</param>
/// <param name="Rows">Training rows.</param>
/// <param name="Batch">Training batch.</param>
/// <param name="Epochs">One snapshot per epoch, epoch 1 first.</param>
public sealed record MemoryFlatnessResult(string Model, int Rows, int Batch, IReadOnlyList<MemorySnapshot> Epochs)
{
    /// <summary>Largest acceptable growth of the resident set from epoch 2 to the last epoch.</summary>
    public const double TargetGrowth = 0.02;

    /// <summary>The epoch growth is measured from (epoch 2; epoch 1 holds one-off allocations).</summary>
    public const int BaselineEpoch = 2;

    /// <summary>Resident set at <see cref="BaselineEpoch"/>.</summary>
    public long BaselineBytes => Epochs[BaselineEpoch - 1].WorkingSetBytes;

    /// <summary>Resident set after the last epoch.</summary>
    public long FinalBytes => Epochs[^1].WorkingSetBytes;

    /// <summary>(last − epoch 2) ÷ epoch 2, of the resident set.</summary>
    public double Growth => (FinalBytes - BaselineBytes) / (double)BaselineBytes;

    /// <summary>Live TorchSharp tensors after the last epoch minus after epoch 2 (0 when nothing leaks).</summary>
    public long TensorGrowth => Epochs[^1].LiveTensors - Epochs[BaselineEpoch - 1].LiveTensors;

    /// <summary>True when <see cref="Growth"/> stays below <see cref="TargetGrowth"/>.</summary>
    public bool Passes => Growth < TargetGrowth;
}
