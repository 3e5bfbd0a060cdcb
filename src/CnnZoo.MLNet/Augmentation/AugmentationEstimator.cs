using CnnZoo.MLNet.Bridge;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Augmentation;

/// <summary>
/// Estimator for <see cref="AugmentationTransformer"/>: marks an image column for training-time augmentation.
/// Create it with <c>mlContext.Transforms.CnnZooAugment("Features", a =&gt; a.RandomCrop(32, padding: 4).HorizontalFlip())</c>.
/// </summary>
public sealed class AugmentationEstimator : IEstimator<AugmentationTransformer>
{
    private readonly IHostEnvironment _env;

    internal AugmentationEstimator(IHostEnvironment env, string columnName, AugmentationPolicy policy)
    {
        _env = env;
        ColumnName = columnName;
        Policy = policy;
    }

    /// <summary>The column to augment.</summary>
    public string ColumnName { get; }

    /// <summary>The augmentation.</summary>
    public AugmentationPolicy Policy { get; }

    /// <summary>Nothing to learn: returns the marking transformer.</summary>
    public AugmentationTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShapes.Of(input.Schema));
        return new AugmentationTransformer(_env, ColumnName, Policy);
    }

    /// <summary>The input schema with the augmented column's annotations extended.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        if (!SchemaShapes.TryFind(inputSchema, ColumnName, out var column))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), ColumnName, $"The column '{ColumnName}' to augment is not in the data. Columns: {string.Join(", ", inputSchema.Select(c => $"'{c.Name}'"))}.");
        var annotations = column.Annotations.Where(a => a.Name != AugmentationTransformer.AnnotationKind)
            .Append(SchemaShapes.Column(AugmentationTransformer.AnnotationKind, SchemaShape.Column.VectorKind.Scalar, TextDataViewType.Instance, false));
        return SchemaShapes.With(inputSchema, SchemaShapes.Column(ColumnName, column.Kind, column.ItemType, column.IsKey, annotations));
    }
}
