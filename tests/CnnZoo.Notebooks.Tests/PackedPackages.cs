namespace CnnZoo.Notebooks.Tests;

/// <summary>
/// The CnnZoo packages packed once per test run from this build (eng/pack.sh, a fresh prerelease version each time, so
/// NuGet's cache never serves an old build), for the tests that consume them as a user would.
/// </summary>
internal static class PackedPackages
{
    private static readonly Lazy<string> Packed = new(Pack);

    /// <summary>The packed version (e.g. 0.1.0-dev.20261203112233444).</summary>
    public static string Version => Packed.Value;

    /// <summary>artifacts/packages, the local feed.</summary>
    public static string Folder => Path.Combine(Repository.Root, "artifacts", "packages");

    private static string Pack()
    {
        var pack = Repository.Run("bash", ["eng/pack.sh", "--only", "libraries", "--configuration", Repository.Configuration, "--no-build"], Repository.Root, TimeSpan.FromMinutes(5));
        if (pack.ExitCode != 0) throw new InvalidOperationException($"eng/pack.sh failed:\n{pack}");
        return pack.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
    }
}
