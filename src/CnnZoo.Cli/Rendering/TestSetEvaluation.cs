using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.Cli.Rendering;

/// <summary>The commands' evaluation of a scored test split.</summary>
public static class TestSetEvaluation
{
    /// <summary>The top-k accuracy reported when there are more than k classes.</summary>
    public const int TopK = 5;

    /// <summary>
    /// ML.NET's multiclass metrics of <paramref name="scored"/>, with top-5 accuracy only for more than five classes: with
    /// fewer it says nothing, and ML.NET's evaluator fails when asked for more predictions than there are classes.
    /// </summary>
    public static MulticlassClassificationMetrics Evaluate(MLContext ml, IDataView scored)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(scored);
        var classes = scored.Schema.GetColumnOrNull("Score")?.Type is VectorDataViewType score ? score.Size : 0;
        return classes > TopK ? ml.MulticlassClassification.Evaluate(scored, topKPredictionCount: TopK) : ml.MulticlassClassification.Evaluate(scored);
    }
}
