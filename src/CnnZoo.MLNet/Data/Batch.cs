using static TorchSharp.torch;

namespace CnnZoo.MLNet.Data;

/// <summary>
/// One mini-batch on the training device: the images [B, C, H, W] in the source's raw scale (uint8 0–255 for 8-bit
/// data, otherwise float32; normalisation, which converts to float32, happens inside the model) and the class indices
/// as int64 [B].
/// The batch owns both tensors and frees them in <see cref="Dispose"/>; they belong to no dispose scope.
/// </summary>
public sealed class Batch : IDisposable
{
    /// <summary>Wraps two tensors and takes ownership of them, detaching them from any dispose scope.</summary>
    /// <exception cref="ArgumentException">The shapes do not agree: images must be [B, C, H, W] and labels [B].</exception>
    public Batch(Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.ndim != 4 || labels.ndim != 1 || images.shape[0] != labels.shape[0])
            throw new ArgumentException($"A batch needs images [B, C, H, W] and labels [B]; got [{string.Join(", ", images.shape)}] and [{string.Join(", ", labels.shape)}].", nameof(images));
        // Detached so that a dispose scope around the consumer cannot free them behind the batch's back.
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
    }

    /// <summary>Images [B, C, H, W], raw scale, on the training device: uint8 from 8-bit sources, otherwise float32.</summary>
    public Tensor Images { get; }

    /// <summary>Class indices 0…K−1, int64 [B], on the training device.</summary>
    public Tensor Labels { get; }

    /// <summary>Number of images in the batch (B).</summary>
    public int Count => (int)Labels.shape[0];

    /// <summary>Frees both tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
