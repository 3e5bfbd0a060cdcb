namespace CnnZoo.Cli.Katib;

/// <summary>One trial of a comparison as the worker's command line gives it.</summary>
/// <param name="Architecture">Registry name.</param>
/// <param name="LearningRate">Initial learning rate; null: the architecture's recipe (as a comparison without <c>--lr</c>).</param>
/// <param name="BatchSize">Batch size; null: the recipe's.</param>
/// <param name="Epochs">Epochs to train to in total (Hyperband's resource).</param>
/// <param name="MaxEpochs">Epochs the comparison's schedule is planned for (its <c>--max-epochs</c>).</param>
/// <param name="ValidationFraction">The comparison's validation share.</param>
/// <param name="Seed">The comparison's seed (split, weights, shuffling).</param>
/// <param name="RunsRoot">The shared folder of run directories.</param>
/// <param name="TrialName">Katib's trial name (keeps parallel duplicates apart); any stable name when run by hand.</param>
internal sealed record TrialRequest(
    string Architecture,
    double? LearningRate,
    int? BatchSize,
    int Epochs,
    int MaxEpochs,
    double ValidationFraction,
    int Seed,
    string RunsRoot,
    string TrialName);
