namespace CnnZoo.Architectures.Export;

/// <summary>
/// A tensor flowing through a described forward pass: its name in the graph being built and its shape, with -1 for the
/// batch dimension (the only dimension left open).
/// </summary>
internal sealed record GraphValue(string Name, long[] Shape)
{
    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>Size along <paramref name="axis"/> (negative counts from the end).</summary>
    public long Dim(int axis) => Shape[axis < 0 ? Shape.Length + axis : axis];

    /// <summary>The shape as text, e.g. <c>[N, 64, 56, 56]</c>, for messages.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape.Select(d => d < 0 ? "N" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
