using CnnZoo.MLNet.Bridge;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Transforms.Image;

namespace CnnZoo.MLNet.Images;

/// <summary>
/// Estimator for <see cref="ImageBackgroundTransformer"/>: nothing to learn. Create it with
/// <c>mlContext.Transforms.CnnZooCompositeOnBackground("Image")</c>.
/// </summary>
public sealed class ImageBackgroundEstimator : IEstimator<ImageBackgroundTransformer>
{
    private readonly IHostEnvironment _env;

    internal ImageBackgroundEstimator(IHostEnvironment env, string outputColumnName, string inputColumnName, BackgroundColor background)
        => (_env, OutputColumnName, InputColumnName, Background) = (env, outputColumnName, inputColumnName, background);

    /// <summary>The composited image column.</summary>
    public string OutputColumnName { get; }

    /// <summary>The image column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The colour transparent pixels are composited on.</summary>
    public BackgroundColor Background { get; }

    /// <summary>Nothing to learn: returns the compositing transformer.</summary>
    public ImageBackgroundTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShapes.Of(input.Schema));
        return new ImageBackgroundTransformer(_env, OutputColumnName, InputColumnName, Background);
    }

    /// <summary>The input schema plus the composited image column (an Image like the input).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        if (!SchemaShapes.TryFind(inputSchema, InputColumnName, out var column))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), InputColumnName, $"The image column '{InputColumnName}' to composite is not in the data. Columns: {string.Join(", ", inputSchema.Select(c => $"'{c.Name}'"))}.");
        if (column.ItemType is not ImageDataViewType || column.Kind != SchemaShape.Column.VectorKind.Scalar)
            throw new ArgumentException($"Column '{InputColumnName}' is {column.ItemType}; compositing needs an Image column (LoadImages). Place it before ExtractPixels.", nameof(inputSchema));
        return SchemaShapes.With(inputSchema, SchemaShapes.Column(OutputColumnName, column.Kind, column.ItemType, false));
    }
}
