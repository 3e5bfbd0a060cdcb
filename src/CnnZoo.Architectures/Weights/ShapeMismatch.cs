namespace CnnZoo.Architectures.Weights;

/// <summary>A key present in both the module and the source whose tensor shapes differ.</summary>
/// <param name="Key">The state dict key, e.g. <c>fc3.weight</c>.</param>
/// <param name="Expected">The module's shape.</param>
/// <param name="Actual">The source's shape.</param>
public sealed record ShapeMismatch(string Key, long[] Expected, long[] Actual)
{
    /// <summary><c>key: expected [a, b], got [c, d]</c>.</summary>
    public override string ToString() =>
        $"{Key}: expected {ElementTypes.FormatShape(Expected)}, got {ElementTypes.FormatShape(Actual)}";
}
