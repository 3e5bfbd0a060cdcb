using System.Reflection;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Bridge;

/// <summary>
/// The bridge is compiled against one ML.NET minor release's internals (docs/architecture.md "Dependency policy"):
/// a process that loaded another minor release gets a clear error at the first use instead of a failure deep inside
/// ML.NET.
/// </summary>
internal static class MlNetCompatibility
{
    private static readonly Lazy<string?> Problem = new(FindProblem);

    /// <summary>The ML.NET release this bridge was built against (e.g. 6.0.0).</summary>
    public static string BuiltAgainst { get; } = typeof(MlNetCompatibility).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BuiltAgainstMicrosoftML").Value!;

    /// <summary>The ML.NET release loaded in this process, from Microsoft.ML.Data's informational version.</summary>
    public static string Loaded { get; } = ReleaseOf(typeof(RowToRowTransformerBase).Assembly);

    /// <summary>Throws <see cref="NotSupportedException"/> when the loaded ML.NET is another minor release.</summary>
    public static void EnsureSupported()
    {
        if (Problem.Value is { } problem) throw new NotSupportedException(problem);
    }

    private static string? FindProblem() => MinorOf(BuiltAgainst) == MinorOf(Loaded) ? null
        : $"CnnZoo.MLNet {ReleaseOf(typeof(MlNetCompatibility).Assembly)} works with ML.NET {MinorOf(BuiltAgainst)}.x (it uses ML.NET's model-file " +
          $"internals, which change between minor releases), but this process loaded ML.NET {Loaded}. Reference Microsoft.ML " +
          $"{MinorOf(BuiltAgainst)}.x, or a CnnZoo.MLNet release built for ML.NET {MinorOf(Loaded)}.";

    private static string ReleaseOf(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        var plus = version.IndexOf('+');
        return plus < 0 ? version : version[..plus];
    }

    private static string MinorOf(string release) => string.Join('.', release.Split('.').Take(2));
}
