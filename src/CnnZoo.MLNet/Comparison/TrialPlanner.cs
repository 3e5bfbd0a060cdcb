using CnnZoo.Architectures;
using CnnZoo.MLNet.Training;

namespace CnnZoo.MLNet.Comparison;

/// <summary>Turns the options into trials (architecture × learning rate × batch size) and each trial into trainer options.</summary>
internal static class TrialPlanner
{
    public static IReadOnlyList<TrialConfig> Plan(ComparisonOptions options, ComparisonData data)
    {
        var candidates = options.Candidates ?? CandidateArchitectures.DefaultFor(data.Channels, data.InputSize);
        if (candidates.Count == 0)
            throw new ArgumentException($"No zoo architecture takes {data.Channels}-channel {data.InputSize}×{data.InputSize} images; set ComparisonOptions.Candidates.", nameof(options));
        var specs = candidates.Select(ModelZoo.Get).ToList();
        var duplicate = specs.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"ComparisonOptions.Candidates lists '{duplicate.Key}' more than once.", nameof(options));
        var misfits = specs.Select(s => (s.Name, Reason: CandidateArchitectures.Misfit(s, data.Channels, data.InputSize))).Where(m => m.Reason is not null).ToList();
        if (misfits.Count > 0)
            throw new ArgumentException($"These candidates cannot take the {data.Channels}×{data.InputSize}×{data.InputSize} images: " +
                string.Join("; ", misfits.Select(m => $"{m.Name}: {m.Reason}")) + ". Resize the images or choose other candidates.", nameof(options));

        var space = options.SearchSpace ?? new SearchSpace();
        var (rates, batches) = (space.LearningRateChoices, space.BatchSizeChoices);
        var showHyperParameters = rates.Count > 1 || batches.Count > 1;
        var trials = new List<TrialConfig>();
        foreach (var spec in specs)
        foreach (var rate in rates)
        foreach (var batch in batches)
        {
            var trainer = TrainerOptions(options, spec.Name, rate, batch);
            var settings = trainer.ToSettings(options.Seed);
            var name = TrialConfig.NameOf(spec.Name, settings.LearningRate, settings.BatchSize, showHyperParameters);
            trials.Add(new TrialConfig(trials.Count, spec.Name, settings.LearningRate, settings.BatchSize, name));
        }
        return trials;
    }

    /// <summary>
    /// The trainer options of one training run of <paramref name="trial"/>: the user's <see cref="ComparisonOptions.ConfigureTrainer"/>
    /// first, then what the comparison decides. The schedule is planned for <see cref="ComparisonOptions.MaxEpochs"/>
    /// epochs of <see cref="ComparisonOptions.ImagesPerEpoch"/> images;
    /// the comparison pauses a run at the end of its rung.
    /// </summary>
    public static CnnTrainer.Options TrainerOptions(ComparisonOptions options, TrialConfig trial) =>
        TrainerOptions(options, trial.Architecture, trial.LearningRate, trial.BatchSize);

    private static CnnTrainer.Options TrainerOptions(ComparisonOptions options, string architecture, double? learningRate, int? batchSize)
    {
        var trainer = new CnnTrainer.Options { Architecture = architecture };
        options.ConfigureTrainer?.Invoke(trainer);
        trainer.Architecture = architecture;
        trainer.LabelColumnName = options.LabelColumnName;
        trainer.FeatureColumnName = options.FeatureColumnName;
        trainer.LearningRate = learningRate ?? trainer.LearningRate;
        trainer.BatchSize = batchSize ?? trainer.BatchSize;
        trainer.Epochs = options.MaxEpochs;
        trainer.ImagesPerEpoch = options.ImagesPerEpoch ?? trainer.ImagesPerEpoch;
        trainer.Seed = options.Seed;
        trainer.ValidationFraction = 0;
        trainer.InitialModel = null;
        return trainer;
    }
}
