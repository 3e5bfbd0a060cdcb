using CnnZoo.Cli.Data;
using CnnZoo.MLNet.Comparison;
using Microsoft.ML;

namespace CnnZoo.Cli.Katib;

/// <summary>
/// The comparison's data and trials as the local comparison prepares them (<see cref="ComparisonData"/>,
/// <see cref="TrialPlanner"/>): the worker and the collector go through here so a trial on a cluster splits, plans and
/// trains exactly as the same trial of <c>cnnzoo compare</c>.
/// </summary>
internal sealed class ComparisonSetup
{
    private ComparisonSetup(MLContext ml, LoadedDataset dataset, ComparisonOptions options, ComparisonData data, IReadOnlyList<TrialConfig> trials) =>
        (Ml, Dataset, Options, Data, Trials) = (ml, dataset, options, data, trials);

    public MLContext Ml { get; }
    public LoadedDataset Dataset { get; }
    public ComparisonOptions Options { get; }
    public ComparisonData Data { get; }
    public IReadOnlyList<TrialConfig> Trials { get; }

    /// <summary>Splits the data and plans the trials; bad options are usage errors.</summary>
    public static ComparisonSetup Prepare(MLContext ml, LoadedDataset dataset, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            // As ArchitectureComparison.Execute: the split takes a context seeded with the comparison's seed.
            var data = ComparisonData.Prepare(new MLContext(options.Seed).Data, dataset.Train, options);
            return new ComparisonSetup(ml, dataset, options, data, TrialPlanner.Plan(options, data));
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(CliUsageException.CleanMessage(ex), ex);
        }
    }

    /// <summary>The comparison options the command-line values describe (the same for <c>compare</c>, the worker and the collector).</summary>
    public static ComparisonOptions OptionsFor(LoadedDataset dataset, IReadOnlyList<string>? candidates, int minEpochs, int maxEpochs, int eta,
        double validationFraction, int seed, SearchSpace? search) => new()
    {
        Candidates = candidates, FeatureColumnName = dataset.FeatureColumn, Preprocessing = dataset.Preprocessing,
        MinEpochs = minEpochs, MaxEpochs = maxEpochs, ReductionFactor = eta,
        ValidationFraction = validationFraction, Seed = seed, SearchSpace = search,
    };
}
