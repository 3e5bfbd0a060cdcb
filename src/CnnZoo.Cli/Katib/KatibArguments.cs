using System.Globalization;
using CnnZoo.Cli.Commands;
using CnnZoo.MLNet.Comparison;

namespace CnnZoo.Cli.Katib;

/// <summary>
/// The <c>cnnzoo compare</c> options that take the comparison beyond one machine: <c>--emit-katib DIR</c> writes a
/// Katib experiment for the same search, <c>--collect DIR</c> reads its finished trials back, and the experiment's
/// settings (image, parallelism, trial cap, namespace, name, volume size).
/// </summary>
public sealed class KatibArguments : ArgumentGroup
{
    /// <summary><c>--emit-katib DIR</c>.</summary>
    public Option<string?> Emit { get; } = new("--emit-katib") { Description = "Write a Kubeflow Katib experiment for this comparison (Experiment, volume claim, Dockerfile, README) into DIR instead of running it." };
    /// <summary><c>--collect DIR</c>.</summary>
    public Option<string?> Collect { get; } = new("--collect") { Description = "Build the leaderboard, reports and best model from the finished Katib trials in DIR (the volume's runs/ folder) instead of training." };
    /// <summary><c>--image</c>.</summary>
    public Option<string> Image { get; } = new("--image") { Description = "Worker image the trials run (built from the emitted Dockerfile).", DefaultValueFactory = _ => "cnnzoo-worker:latest" };
    /// <summary><c>--parallel-trials</c>.</summary>
    public Option<int?> Parallel { get; } = new("--parallel-trials") { Description = "Trials Katib runs at once (default: every trial of the first rung, at least what Hyperband needs)." };
    /// <summary><c>--max-trials</c>.</summary>
    public Option<int?> MaxTrials { get; } = new("--max-trials") { Description = "Trials Katib runs in all (default: the local comparison's rungs, one bracket)." };
    /// <summary><c>--namespace</c>.</summary>
    public Option<string> Namespace { get; } = new("--namespace") { Description = "Kubernetes namespace of the experiment.", DefaultValueFactory = _ => "kubeflow" };
    /// <summary><c>--experiment-name</c>.</summary>
    public Option<string> Name { get; } = new("--experiment-name") { Description = "Name of the Katib experiment (lower case, digits, '-').", DefaultValueFactory = _ => "cnnzoo-compare" };
    /// <summary><c>--volume-size</c>.</summary>
    public Option<string> VolumeSize { get; } = new("--volume-size") { Description = "Storage the shared volume claim requests.", DefaultValueFactory = _ => "10Gi" };

    /// <inheritdoc/>
    protected override IEnumerable<Symbol> Symbols => [Emit, Collect, Image, Parallel, MaxTrials, Namespace, Name, VolumeSize];

    /// <summary>The experiment's settings for the planned comparison, checked against what Katib's Hyperband accepts.</summary>
    internal KatibExperimentSettings Settings(ParseResult parsed, ComparisonSetup setup, KatibDataPaths data)
    {
        var options = setup.Options;
        var (min, max, eta) = (options.MinEpochs, options.MaxEpochs, options.ReductionFactor);
        var local = HalvingSchedule.RungEpochs(min, max, eta);
        var katib = KatibHyperband.FirstBracketEpochs(max, eta);
        if (!local.SequenceEqual(katib))
            throw new CliUsageException($"Katib's Hyperband with r_l = {max} and eta = {eta} trains its first bracket to {Join(katib)} epochs, the local comparison's rungs are {Join(local)}: " +
                $"choose --min-epochs, --max-epochs and --eta with --max-epochs = --min-epochs × eta^k (e.g. --min-epochs {katib[0]}).");
        var trials = setup.Trials.Count;
        var minimum = KatibHyperband.MinimumParallelTrials(max, eta);
        var parallel = parsed.GetValue(Parallel) ?? Math.Max(trials, minimum);
        if (parallel < minimum)
            throw new CliUsageException($"--parallel-trials must be at least {minimum}: Katib's Hyperband needs eta^s_max = {eta}^{KatibHyperband.MaxBracket(max, eta)} trials at once.");
        // One bracket as the local comparison runs it: every trial, then ⌈n/η⌉ per rung.
        var (rungTrials, onRung) = (0, trials);
        foreach (var _ in local)
        {
            rungTrials += onRung;
            onRung = HalvingSchedule.Survivors(onRung, eta);
        }
        var maxTrials = parsed.GetValue(MaxTrials) ?? rungTrials;
        if (maxTrials < 1) throw new CliUsageException("--max-trials must be at least 1.");
        var name = parsed.GetValue(Name)!;
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$"))
            throw new CliUsageException($"--experiment-name '{name}' must be lower-case letters, digits and '-', starting and ending with a letter or digit, at most 40 characters.");
        var search = options.SearchSpace;
        return new KatibExperimentSettings(name, parsed.GetValue(Namespace)!, parsed.GetValue(Image)!, setup.Trials,
            search?.LearningRates is { Count: > 0 }, search?.BatchSizes is { Count: > 0 }, min, max, eta, parallel, maxTrials,
            options.ValidationFraction, options.Seed, data, parsed.GetValue(VolumeSize)!);
    }

    private static string Join(IEnumerable<int> values) => string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
