namespace CnnZoo.Cli.Katib;

/// <summary>
/// Lets a trial that Hyperband promoted continue where the same configuration's shorter run stopped, as the local
/// comparison continues a survivor from its checkpoint: before training from scratch, the checkpoints of the longest
/// finished run of the same configuration and schedule (a sibling run directory with a <c>trial.json</c> and fewer
/// epochs) are copied into the new run directory. Finished runs no longer change, so reading them is safe; each
/// epoch folder is copied under a hidden name and renamed, so a pod killed mid-copy leaves no partial checkpoint.
/// Resuming is exact, so the trial ends as if it had trained from the start.
/// </summary>
internal static class ShorterRunSeed
{
    /// <summary>Copies the best shorter run's checkpoints into <paramref name="directory"/>; returns that run's record, or null when there is none.</summary>
    public static TrialRecord? CopyInto(string directory, TrialRequest request)
    {
        var configuration = Path.GetDirectoryName(directory)!;
        var shorter = Directory.EnumerateDirectories(configuration)
            .Where(d => d != directory)
            .Select(d => (Directory: d, Record: TrialRecord.ReadFrom(d)))
            .Where(r => r.Record is { } record && record.MaxEpochs == request.MaxEpochs && record.Seed == request.Seed && record.Epochs < request.Epochs)
            .OrderByDescending(r => r.Record!.Epochs).ThenBy(r => r.Directory, StringComparer.Ordinal)
            .FirstOrDefault();
        if (shorter.Record is null) return null;
        foreach (var epoch in Directory.EnumerateDirectories(shorter.Directory, "epoch-*"))
        {
            var name = Path.GetFileName(epoch);
            var temp = Path.Combine(directory, $".seed-{name}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(temp);
            foreach (var file in Directory.EnumerateFiles(epoch)) File.Copy(file, Path.Combine(temp, Path.GetFileName(file)));
            Directory.Move(temp, Path.Combine(directory, name));
        }
        return shorter.Record;
    }
}
