using System.Diagnostics;
using CnnZoo.Architectures.Analysis;
using CnnZoo.MLNet.Scoring;
using Microsoft.ML;

namespace CnnZoo.MLNet.Comparison;

/// <summary>Scores a trial's model on the validation data with ML.NET's evaluator and measures its size and cost.</summary>
internal sealed class TrialEvaluator(MulticlassClassificationCatalog catalog, ComparisonData data, string labelColumnName)
{
    private readonly int _topK = Math.Min(5, data.Classes);

    public TrialEvaluation Evaluate(CnnTransformer model)
    {
        var scored = model.Transform(data.Validation);
        var clock = Stopwatch.StartNew();
        var metrics = catalog.Evaluate(scored, labelColumnName, model.ScoreColumnName, model.PredictedLabelColumnName, topKPredictionCount: _topK);
        clock.Stop();
        return new TrialEvaluation(
            metrics.MicroAccuracy,
            metrics.TopKAccuracy,
            MacroF1.From(metrics.ConfusionMatrix.Counts),
            metrics.LogLoss,
            metrics,
            clock.Elapsed.TotalMilliseconds / data.ValidationRows);
    }

    /// <summary>Trainable parameters and MACs per image of the model as built for this data.</summary>
    public static (long Parameters, long Macs) SizeOf(CnnTransformer model)
    {
        var summary = ModelSummary.Of(model.Model);
        return (summary.TotalParameters, summary.TotalMacs);
    }
}
