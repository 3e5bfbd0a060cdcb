using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CnnZoo.Cli.Tests.Katib;

/// <summary>The Katib sources under Fixtures/katib (see its README) and YAML helpers for the tests.</summary>
internal static class KatibFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "katib");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name));

    /// <summary>Katib's Go types of an Experiment.</summary>
    public static KatibGoTypes GoTypes { get; } = new(Read("experiment_types.go"), Read("common_types.go"));

    /// <summary>The StdOut/File collector's default metric filter, read from Katib's own source (DefaultFilter).</summary>
    public static Regex DefaultMetricsFilter { get; } = new(
        Regex.Match(Read("metricscollector_const.go"), @"DefaultFilter = `(?<regex>[^`]+)`").Groups["regex"].Value);

    /// <summary>The single YAML document in <paramref name="path"/>.</summary>
    public static YamlMappingNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public static YamlNode At(this YamlNode node, params object[] path)
    {
        foreach (var step in path)
            node = step is int index ? ((YamlSequenceNode)node).Children[index] : ((YamlMappingNode)node).Children[new YamlScalarNode((string)step)];
        return node;
    }

    public static string Text(this YamlNode node) => ((YamlScalarNode)node).Value!;

    public static IEnumerable<YamlNode> Items(this YamlNode node) => ((YamlSequenceNode)node).Children;

    /// <summary>
    /// Metric values from a trial's output as Katib's collector reads them (parseLogsInTextFormat): lines that mention a
    /// metric, every DefaultFilter match whose name is a metric, in order.
    /// </summary>
    public static List<(string Name, string Value)> ParseMetrics(string output, IReadOnlyCollection<string> metricNames) =>
        output.Split('\n')
            .Where(line => metricNames.Any(m => line.Contains(m, StringComparison.Ordinal)))
            .SelectMany(line => DefaultMetricsFilter.Matches(line).Select(m => (Name: m.Groups[1].Value.Trim(), Value: m.Groups[2].Value.Trim())))
            .Where(m => metricNames.Contains(m.Name))
            .ToList();
}
