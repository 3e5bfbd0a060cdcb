using System.Globalization;

namespace CnnZoo.Cli.Katib;

/// <summary>
/// Where one trial run lives on the shared volume: <c>runs/&lt;architecture&gt;_lr&lt;rate&gt;_bs&lt;batch&gt;_seed&lt;seed&gt;/&lt;epochs&gt;-of-&lt;max epochs&gt;-epochs-&lt;trial name&gt;/</c>,
/// holding its checkpoints (<c>epoch-NNNN/</c>), <c>model.zip</c> and <c>trial.json</c>. The path is a function of the
/// command line, so a pod that was preempted and started again finds its own checkpoints and resumes.
/// </summary>
internal static class TrialRunDirectory
{
    public const string ModelFileName = "model.zip";

    /// <summary>The run directory of a trial of <paramref name="architecture"/> at this rate, batch size and seed, trained to <paramref name="epochs"/> of a schedule planned for <paramref name="maxEpochs"/>.</summary>
    public static string For(string runsRoot, string architecture, double learningRate, int batchSize, int seed, int epochs, int maxEpochs, string trialName) =>
        Path.Combine(runsRoot, ConfigurationKey(architecture, learningRate, batchSize, seed), Safe(string.Create(CultureInfo.InvariantCulture, $"{epochs}-of-{maxEpochs}-epochs-{trialName}")));

    /// <summary>Every run directory under <paramref name="runsRoot"/> (finished or not).</summary>
    public static IEnumerable<string> All(string runsRoot) =>
        Directory.Exists(runsRoot)
            ? Directory.EnumerateDirectories(runsRoot).SelectMany(Directory.EnumerateDirectories).Order(StringComparer.Ordinal)
            : [];

    private static string ConfigurationKey(string architecture, double learningRate, int batchSize, int seed) =>
        Safe(string.Create(CultureInfo.InvariantCulture, $"{architecture}_lr{learningRate:R}_bs{batchSize}_seed{seed}"));

    private static string Safe(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_').ToArray());
}
