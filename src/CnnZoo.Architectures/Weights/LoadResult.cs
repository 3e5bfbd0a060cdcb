namespace CnnZoo.Architectures.Weights;

/// <summary>What a state dict load copied and what it skipped.</summary>
/// <param name="Missing">Keys the module has but the source lacks (left unchanged), in module order.</param>
/// <param name="Unexpected">Keys the source has but the module lacks (ignored), in source order.</param>
/// <param name="ShapeMismatches">Keys in both whose shapes differ (left unchanged).</param>
/// <param name="Loaded">How many tensors were copied into the module.</param>
public sealed record LoadResult(
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<ShapeMismatch> ShapeMismatches,
    int Loaded)
{
    /// <summary>True when every module tensor was loaded and the source had nothing extra.</summary>
    public bool IsExactMatch => Missing.Count == 0 && Unexpected.Count == 0 && ShapeMismatches.Count == 0;
}
