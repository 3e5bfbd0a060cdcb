namespace CnnZoo.MLNet.Comparison;

/// <summary>What a comparison set out to do: its trials, its rungs and the data sizes.</summary>
internal sealed record ComparisonPlan(
    IReadOnlyList<TrialConfig> Trials,
    IReadOnlyList<int> RungEpochs,
    int ReductionFactor,
    int Seed,
    long TrainingRows,
    long ValidationRows);
