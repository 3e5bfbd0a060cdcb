using Microsoft.ML;

namespace CnnZoo.MLNet.Comparison;

/// <summary>ML.NET catalog entry for comparing zoo architectures.</summary>
public static class ComparisonCatalog
{
    /// <summary>
    /// An AutoML-style comparison of zoo CNNs under successive halving (see <see cref="ArchitectureComparison"/>);
    /// run it with <see cref="ArchitectureComparison.Execute"/>.
    /// </summary>
    /// <param name="catalog">The multiclass classification catalog.</param>
    /// <param name="options">Candidates, columns, preprocessing, validation, budget, search space, seed, progress, cancellation.</param>
    public static ArchitectureComparison CompareCnns(this MulticlassClassificationCatalog catalog, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ArchitectureComparison(catalog, data: null, options);
    }
}
