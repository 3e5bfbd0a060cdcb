using System.Collections.ObjectModel;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// An immutable, ordered list of training-time augmentation ops, applied to each batch by a
/// <see cref="BatchAugmenter"/>. Build one with <see cref="Create"/>, e.g.
/// <c>AugmentationPolicy.Create(a =&gt; a.RandomCrop(32, padding: 4).HorizontalFlip())</c>; store it with
/// <see cref="ToJson"/> and read it back with <see cref="FromJson"/>.
/// </summary>
/// <remarks>
/// The trainer feeds the augmented batch straight to the model, so <see cref="OutputSize"/> of the stored image size
/// must equal the model's input size: a policy that crops (RandomCrop, RandomResizedCrop) must crop to that size.
/// </remarks>
public sealed class AugmentationPolicy : IEquatable<AugmentationPolicy>
{
    /// <summary>Creates a policy from ops applied in the given order.</summary>
    /// <param name="ops">The ops, first applied first.</param>
    public AugmentationPolicy(IEnumerable<AugmentationOp> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        var list = ops.ToList();
        if (list.Any(op => op is null))
        {
            throw new ArgumentException("A policy cannot contain a null op.", nameof(ops));
        }

        Ops = new ReadOnlyCollection<AugmentationOp>(list);
    }

    /// <summary>The policy that changes nothing.</summary>
    public static AugmentationPolicy None { get; } = new([]);

    /// <summary>The ops, in the order they are applied.</summary>
    public IReadOnlyList<AugmentationOp> Ops { get; }

    /// <summary>Builds a policy with the fluent <see cref="AugmentationBuilder"/>.</summary>
    /// <param name="configure">Adds ops, e.g. <c>a =&gt; a.RandomCrop(32, padding: 4).HorizontalFlip()</c>.</param>
    /// <returns>The policy.</returns>
    public static AugmentationPolicy Create(Func<AugmentationBuilder, AugmentationBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new AugmentationBuilder();
        configure(builder);
        return builder.Build();
    }

    /// <summary>
    /// The image size the policy produces from <paramref name="height"/>×<paramref name="width"/> inputs: the input
    /// size, or the last crop's size. Throws <see cref="ArgumentException"/> when an op cannot take its input.
    /// </summary>
    /// <param name="height">Input height in pixels.</param>
    /// <param name="width">Input width in pixels.</param>
    /// <returns>Output height and width.</returns>
    public (int Height, int Width) OutputSize(int height, int width)
    {
        var size = (Height: height, Width: width);
        foreach (var op in Ops)
        {
            size = op.OutputSize(size.Height, size.Width);
        }

        return size;
    }

    /// <summary>The versioned JSON form, e.g. <c>{"version":1,"ops":[{"op":"HorizontalFlip","p":0.5}]}</c>; every argument is written.</summary>
    /// <returns>Compact JSON text.</returns>
    public string ToJson() => PolicyJson.Write(Ops);

    /// <summary>Reads a policy written by <see cref="ToJson"/>; missing arguments take the builder's defaults.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="FormatException">The text is not valid JSON, has another version, names an unknown op or
    /// property, or has an argument of the wrong type or outside its range; the message says which.</exception>
    public static AugmentationPolicy FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new AugmentationPolicy(PolicyJson.Read(json));
    }

    /// <inheritdoc/>
    public bool Equals(AugmentationPolicy? other) => other is not null && Ops.SequenceEqual(other.Ops);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AugmentationPolicy);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var op in Ops)
        {
            hash.Add(op);
        }

        return hash.ToHashCode();
    }

    /// <summary>The JSON form, which lists every op and argument.</summary>
    /// <returns>Same as <see cref="ToJson"/>.</returns>
    public override string ToString() => ToJson();
}
