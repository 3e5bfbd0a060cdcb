using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>Small, hand-made inputs for the report tests: histories, scored rows, evaluation metrics.</summary>
internal static class ReportTestData
{
    public static readonly string[] Classes = ["cat", "dog", "owl"];

    public static IReadOnlyList<EpochMetrics> History(int epochs, bool validation, double start = 1.0) =>
        Enumerable.Range(1, epochs).SelectMany(e => new[]
        {
            new EpochMetrics(e, epochs, e * 10 - 5, start / e + 0.5, 0.4, null, null, 0.1, 100, TimeSpan.FromSeconds(e * 2 - 1), IsEpochEnd: false),
            new EpochMetrics(e, epochs, e * 10, start / e, 0.5 + e * 0.1, validation ? start / e + 0.1 : null, validation ? 0.45 + e * 0.1 : null, 0.1 / e, 120, TimeSpan.FromSeconds(e * 2)),
        }).ToList();

    /// <summary>Rows of (truth, prediction) over <see cref="Classes"/>, scored and evaluated by ML.NET: 6 of 8 right.</summary>
    public static (IDataView Scored, MulticlassClassificationMetrics Metrics) Evaluated(MLContext ml)
    {
        (string Truth, string Predicted)[] rows = [("cat", "cat"), ("cat", "cat"), ("cat", "dog"), ("dog", "dog"), ("dog", "dog"), ("owl", "owl"), ("owl", "owl"), ("owl", "cat")];
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new Row
        {
            Label = r.Truth, Predicted = r.Predicted,
            Score = Classes.Select(c => c == r.Predicted ? 0.8f : 0.1f).ToArray(),
        }));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Conversion.MapValueToKey("PredictedLabel", "Predicted", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue))
            .Fit(data).Transform(data);
        return (keyed, ml.MulticlassClassification.Evaluate(keyed, topKPredictionCount: 2));
    }

    private sealed class Row
    {
        public string Label { get; set; } = "";
        public string Predicted { get; set; } = "";
        [VectorType(3)] public float[] Score { get; set; } = [];
    }
}
