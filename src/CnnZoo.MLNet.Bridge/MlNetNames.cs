using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Bridge;

/// <summary>ML.NET's default column names and annotation kinds, which it declares in internal classes.</summary>
internal static class MlNetNames
{
    public const string Label = DefaultColumnNames.Label;
    public const string Features = DefaultColumnNames.Features;
    public const string Score = DefaultColumnNames.Score;
    public const string PredictedLabel = DefaultColumnNames.PredictedLabel;

    /// <summary>The annotation that holds a key column's values.</summary>
    public const string KeyValues = AnnotationUtils.Kinds.KeyValues;
}
