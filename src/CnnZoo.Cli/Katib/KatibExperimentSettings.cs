using CnnZoo.MLNet.Comparison;

namespace CnnZoo.Cli.Katib;

/// <summary>What the emitted Katib experiment searches and how it runs its trials.</summary>
/// <param name="Name">The Experiment's name (also prefixes the volume claim's).</param>
/// <param name="Namespace">The Kubernetes namespace (Katib's profile namespace).</param>
/// <param name="Image">The worker image built from the emitted Dockerfile.</param>
/// <param name="Trials">The local comparison's planned trials: the search space is read from them.</param>
/// <param name="SearchesLearningRate">The comparison searches learning rates (otherwise each architecture's recipe rate, as locally).</param>
/// <param name="SearchesBatchSize">The comparison searches batch sizes.</param>
/// <param name="MinEpochs">The first rung's epochs.</param>
/// <param name="MaxEpochs">Hyperband's maximum resource (r_l) and the schedule's length.</param>
/// <param name="Eta">Hyperband's η.</param>
/// <param name="ParallelTrials">Katib's parallelTrialCount.</param>
/// <param name="MaxTrials">Katib's maxTrialCount.</param>
/// <param name="ValidationFraction">The comparison's validation share.</param>
/// <param name="Seed">The comparison's seed.</param>
/// <param name="Data">The dataset arguments of the worker and what to copy onto the volume.</param>
/// <param name="VolumeSize">The claim's requested storage, e.g. <c>10Gi</c>.</param>
internal sealed record KatibExperimentSettings(
    string Name,
    string Namespace,
    string Image,
    IReadOnlyList<TrialConfig> Trials,
    bool SearchesLearningRate,
    bool SearchesBatchSize,
    int MinEpochs,
    int MaxEpochs,
    int Eta,
    int ParallelTrials,
    int MaxTrials,
    double ValidationFraction,
    int Seed,
    KatibDataPaths Data,
    string VolumeSize)
{
    /// <summary>The PersistentVolumeClaim holding the data and the trials' runs.</summary>
    public string ClaimName => $"{Name}-shared";
}
