namespace CnnZoo.MLNet.Comparison;

/// <summary>
/// A small grid searched per architecture: every learning rate × every batch size becomes a trial. A list left null
/// (or empty) keeps the architecture's recipe value.
/// </summary>
public sealed class SearchSpace
{
    /// <summary>Learning rates to try (each &gt; 0).</summary>
    public IReadOnlyList<double>? LearningRates { get; set; }

    /// <summary>Batch sizes to try (each in 1–65,536).</summary>
    public IReadOnlyList<int>? BatchSizes { get; set; }

    /// <summary>The learning rates to combine, null standing for "the recipe's".</summary>
    internal IReadOnlyList<double?> LearningRateChoices => LearningRates is { Count: > 0 } rates ? rates.Select(r => (double?)r).ToList() : [null];

    /// <summary>The batch sizes to combine, null standing for "the recipe's".</summary>
    internal IReadOnlyList<int?> BatchSizeChoices => BatchSizes is { Count: > 0 } sizes ? sizes.Select(s => (int?)s).ToList() : [null];

    internal void Validate()
    {
        if (LearningRates?.Any(r => !(r > 0) || !double.IsFinite(r)) == true)
            throw new ArgumentOutOfRangeException(nameof(LearningRates), $"SearchSpace.LearningRates must all be finite and > 0; got {LearningRates.First(r => !(r > 0) || !double.IsFinite(r))}.");
        if (BatchSizes?.Any(s => s is < 1 or > 65_536) == true)
            throw new ArgumentOutOfRangeException(nameof(BatchSizes), $"SearchSpace.BatchSizes must all be in 1–65,536; got {BatchSizes.First(s => s is < 1 or > 65_536)}.");
        if (LearningRates is not null && LearningRates.Distinct().Count() != LearningRates.Count)
            throw new ArgumentException("SearchSpace.LearningRates lists a value twice.", nameof(LearningRates));
        if (BatchSizes is not null && BatchSizes.Distinct().Count() != BatchSizes.Count)
            throw new ArgumentException("SearchSpace.BatchSizes lists a value twice.", nameof(BatchSizes));
    }
}
