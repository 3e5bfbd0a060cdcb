using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Comparison;

/// <summary>How a trial's model scored on the validation data.</summary>
internal sealed record TrialEvaluation(
    double Accuracy,
    double Top5Accuracy,
    double MacroF1,
    double LogLoss,
    MulticlassClassificationMetrics Metrics,
    double InferenceMsPerImage);
