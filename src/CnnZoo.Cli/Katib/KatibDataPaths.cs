using System.Globalization;

namespace CnnZoo.Cli.Katib;

/// <summary>
/// The dataset arguments a trial pod gets: the same dataset and row cap as the local command, its files read from the
/// shared volume (<c>/shared/data/&lt;name&gt;</c>) instead of this machine's paths.
/// </summary>
/// <param name="WorkerArguments">The dataset options of the worker's command line.</param>
/// <param name="Copies">What to copy onto the volume before the experiment starts: a local path and where it goes under the volume's root.</param>
internal sealed record KatibDataPaths(IReadOnlyList<string> WorkerArguments, IReadOnlyList<(string Local, string OnVolume)> Copies)
{
    /// <summary>The mapping for <c>--data <paramref name="data"/></c> (a dataset name, a folder or a list file), <c>--data-folder</c> and <c>--rows</c>.</summary>
    public static KatibDataPaths For(string data, string? dataFolder, string defaultFolder, int? rows)
    {
        var arguments = new List<string>();
        var copies = new List<(string, string)>();
        string OnVolume(string local)
        {
            var relative = $"{KatibNames.DataFolder}/{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(local)))}";
            copies.Add((Path.GetFullPath(local), relative));
            return $"{KatibNames.SharedMount}/{relative}";
        }
        var isNamedDataset = Data.DatasetArguments.Names.Contains(data.ToLowerInvariant());
        arguments.AddRange(["--data", isNamedDataset ? data.ToLowerInvariant() : OnVolume(data)]);
        var folder = dataFolder ?? (isNamedDataset ? defaultFolder : null);
        if (folder is not null) arguments.AddRange(["--data-folder", OnVolume(folder)]);
        if (rows is int r) arguments.AddRange(["--rows", r.ToString(CultureInfo.InvariantCulture)]);
        return new KatibDataPaths(arguments, copies);
    }
}
