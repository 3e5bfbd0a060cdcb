using System.Text.Json;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// One step of an <see cref="AugmentationPolicy"/>: an immutable description with validated arguments. Values are
/// compared by content, so two policies built the same way are equal.
/// </summary>
public abstract record AugmentationOp
{
    private protected AugmentationOp()
    {
    }

    /// <summary>The op's name in the policy JSON (<c>"op"</c>), e.g. <c>RandomCrop</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The spatial size this op produces from an input of <paramref name="height"/>×<paramref name="width"/>.
    /// Throws <see cref="ArgumentException"/> when the input is too small for the op.
    /// </summary>
    /// <param name="height">Input height in pixels.</param>
    /// <param name="width">Input width in pixels.</param>
    /// <returns>Output height and width.</returns>
    public virtual (int Height, int Width) OutputSize(int height, int width) => (height, width);

    /// <summary>Applies the op to a float batch [N, C, H, W] with one random draw per image; never writes to <paramref name="batch"/>.</summary>
    internal abstract Tensor Apply(Tensor batch, torch.Generator generator);

    /// <summary>Writes the op's arguments (everything but <c>"op"</c>) into the current JSON object.</summary>
    internal abstract void WriteJsonArguments(Utf8JsonWriter writer);
}
