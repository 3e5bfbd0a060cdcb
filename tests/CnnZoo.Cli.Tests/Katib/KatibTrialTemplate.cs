using CnnZoo.Cli.Katib;
using YamlDotNet.RepresentationModel;

namespace CnnZoo.Cli.Tests.Katib;

/// <summary>
/// An emitted experiment's trial template, instantiated as Katib's controller does (manifest/generator.go,
/// applyParameters): each trial parameter takes its search parameter's assigned value, or the trial's metadata for a
/// <c>${trialSpec.X}</c> reference; every assignment must have a trial parameter; then each
/// <c>${trialParameters.name}</c> is replaced. The container's command then runs in this process, with the shared
/// volume's paths mapped to a local folder.
/// </summary>
internal sealed class KatibTrialTemplate
{
    private readonly List<(string Name, string Reference)> _trialParameters;
    private readonly List<string> _command;

    public KatibTrialTemplate(string experimentPath)
    {
        var spec = KatibFixtures.LoadYaml(experimentPath).At("spec");
        var template = spec.At("trialTemplate");
        _trialParameters = template.At("trialParameters").Items().Select(p => (p.At("name").Text(), p.At("reference").Text())).ToList();
        var container = template.At("trialSpec", "spec", "template", "spec", "containers").Items()
            .Single(c => c.At("name").Text() == template.At("primaryContainerName").Text());
        _command = container.At("command").Items().Select(a => a.Text()).ToList();
        SearchSpace = spec.At("parameters").Items().Where(p => ((YamlMappingNode)p.At("feasibleSpace")).Children.ContainsKey("list"))
            .ToDictionary(p => p.At("name").Text(), p => (IReadOnlyList<string>)p.At("feasibleSpace", "list").Items().Select(v => v.Text()).ToList());
        Settings = spec.At("algorithm", "algorithmSettings").Items().ToDictionary(s => s.At("name").Text(), s => s.At("value").Text());
    }

    /// <summary>The listed parameters' values (architecture, learning rate …), by parameter name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SearchSpace { get; }

    /// <summary>Hyperband's settings (resource_name, eta, r_l).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The container's command line for these assignments, with <c>/shared</c> mapped to <paramref name="localVolume"/>.</summary>
    public IReadOnlyList<string> Command(IReadOnlyDictionary<string, string> assignments, string trialName, string localVolume)
    {
        var values = new Dictionary<string, string>();
        var assigned = 0;
        foreach (var (name, reference) in _trialParameters)
        {
            if (reference == "${trialSpec.Name}") { values[name] = trialName; continue; }
            values[name] = assignments.TryGetValue(reference, out var value) ? value : throw new InvalidOperationException($"no assignment for {reference}");
            assigned++;
        }
        if (assigned != assignments.Count) throw new InvalidOperationException("an assignment has no trial parameter");
        return _command.Select(token =>
        {
            foreach (var (name, value) in values) token = token.Replace($"${{trialParameters.{name}}}", value, StringComparison.Ordinal);
            return token.StartsWith(KatibNames.SharedMount + "/", StringComparison.Ordinal) ? localVolume + token[KatibNames.SharedMount.Length..] : token;
        }).ToList();
    }

    /// <summary>Runs the command in-process (the image's entry point is the tool itself) and returns its output.</summary>
    public static CliRun Run(IReadOnlyList<string> command)
    {
        if (command[0] != KatibNames.Executable) throw new InvalidOperationException($"the template runs {command[0]}");
        return CliRun.Of([.. command.Skip(1)]);
    }
}
