using static System.FormattableString;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Applies an <see cref="AugmentationPolicy"/> to training batches on the training device. Every image in a batch
/// gets its own random draw (crop offset, flip, angle…), and all draws come from the generator passed in, so a
/// seeded generator makes CPU runs reproducible.
/// </summary>
/// <remarks>
/// The output has the input's size except after RandomCrop / RandomResizedCrop, which produce their
/// <c>size</c>×<c>size</c>; the trainer requires the final size (<see cref="AugmentationPolicy.OutputSize"/>) to
/// equal the model's input size. Values keep the batch's scale (0..255 or 0..1 alike); nothing is clamped.
/// </remarks>
public sealed class BatchAugmenter
{
    /// <summary>Creates an augmenter for <paramref name="policy"/>.</summary>
    /// <param name="policy">The ops to apply, in order.</param>
    public BatchAugmenter(AugmentationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
    }

    /// <summary>The policy applied.</summary>
    public AugmentationPolicy Policy { get; }

    /// <summary>
    /// Returns an augmented copy of <paramref name="batch"/>; the input is never written to. The result is a new
    /// tensor owned by the caller's dispose scope (if any); all intermediates are freed before returning.
    /// </summary>
    /// <param name="batch">Floating-point images [N, C, H, W], on any device.</param>
    /// <param name="generator">Source of all randomness; draws are made on its device and moved to the batch's.</param>
    /// <returns>The augmented batch, same dtype and device.</returns>
    /// <exception cref="ArgumentException">The batch is not a 4-D floating-point tensor, or is too small for an op.</exception>
    public Tensor Apply(Tensor batch, torch.Generator generator)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(generator);
        CheckBatch(batch);
        Policy.OutputSize(checked((int)batch.shape[2]), checked((int)batch.shape[3]));

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var x = batch;
        foreach (var op in Policy.Ops)
        {
            x = op.Apply(x, generator);
        }

        // A policy that changed nothing still hands back a tensor of its own, so that disposing the result never
        // disposes the caller's batch.
        var result = ReferenceEquals(x, batch) ? batch.alias() : x;
        return result.MoveToOuterDisposeScope();
    }

    private static void CheckBatch(Tensor batch)
    {
        if (batch.dim() != 4)
        {
            throw new ArgumentException(Invariant($"The batch must be a 4-D tensor [N, C, H, W]; got shape [{string.Join(", ", batch.shape)}]."), nameof(batch));
        }

        if (!batch.is_floating_point())
        {
            throw new ArgumentException($"The batch must hold floating-point values; got {batch.dtype}.", nameof(batch));
        }
    }
}
