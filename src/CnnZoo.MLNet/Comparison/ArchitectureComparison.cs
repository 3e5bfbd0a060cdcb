using Microsoft.ML;

namespace CnnZoo.MLNet.Comparison;

/// <summary>
/// AutoML-style comparison of zoo architectures on one data set: every candidate (× learning rate × batch size from
/// the <see cref="SearchSpace"/>) trains on a train/validation split under successive halving — all start with
/// <see cref="ComparisonOptions.MinEpochs"/>, the weaker part stops after each rung, the survivors continue from their
/// checkpoints for η times the epochs up to <see cref="ComparisonOptions.MaxEpochs"/> — and is ranked on the validation
/// data with ML.NET's evaluator. Create it with <c>mlContext.MulticlassClassification.CompareCnns(options)</c>.
/// </summary>
/// <example>
/// <code>
/// var comparison = ml.MulticlassClassification.CompareCnns(new ComparisonOptions
/// {
///     Preprocessing = ml.Transforms.Conversion.MapValueToKey("Label"),
///     Candidates = ["lenet5", "resnet20_cifar", "plain20_cifar"],
///     MinEpochs = 1, MaxEpochs = 4, TimeBudget = TimeSpan.FromMinutes(10),
///     Progress = new Progress&lt;ComparisonProgress&gt;(Console.WriteLine),
/// });
/// using var result = comparison.Execute(trainData);
/// Console.WriteLine(result);                       // the leaderboard
/// new ComparisonReport(result).WriteTo("report");  // CnnZoo.MLNet.Reports: txt, md, csv, html and PNG/SVG charts
/// var metrics = ml.MulticlassClassification.Evaluate(result.Best!.Transform(testData));
/// </code>
/// </example>
public sealed class ArchitectureComparison
{
    private readonly MulticlassClassificationCatalog _catalog;
    private readonly DataOperationsCatalog? _data;

    /// <summary>A comparison with the given options (validated now; the candidates are checked against the data in <see cref="Execute"/>).</summary>
    /// <param name="ml">The ML.NET context (logging, training, evaluation, the split).</param>
    /// <param name="options">Candidates, columns, preprocessing, validation, budget, search space, seed, progress, cancellation.</param>
    public ArchitectureComparison(MLContext ml, ComparisonOptions options)
        : this(ml?.MulticlassClassification ?? throw new ArgumentNullException(nameof(ml)), ml.Data, options)
    {
    }

    internal ArchitectureComparison(MulticlassClassificationCatalog catalog, DataOperationsCatalog? data, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _catalog = catalog;
        _data = data;
        Options = options;
    }

    /// <summary>The options it runs with.</summary>
    public ComparisonOptions Options { get; }

    /// <summary>
    /// Runs the comparison on <paramref name="data"/> and returns the leaderboard and the best model. Cancellation or
    /// an exhausted time budget end it early with the trials evaluated so far. Trials that throw are listed in
    /// <see cref="ComparisonResult.Failures"/>; the others go on.
    /// </summary>
    /// <param name="data">Labelled images (raw schema: <see cref="ComparisonOptions.Preprocessing"/> is applied to it).</param>
    /// <exception cref="ArgumentException">Unknown or unsuitable candidates, missing columns, a non-key label, an empty split.</exception>
    public ComparisonResult Execute(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        // The split only needs the seed; a catalog reached through its extension method has no data catalog at hand.
        var split = _data ?? new MLContext(Options.Seed).Data;
        return new ComparisonRun(_catalog, split, Options, data).Execute();
    }
}
