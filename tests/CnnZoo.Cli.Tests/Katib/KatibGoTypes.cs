using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CnnZoo.Cli.Tests.Katib;

/// <summary>
/// Katib's Go API types read from the fixture sources (Fixtures/katib/*.go): every struct's fields by JSON name with
/// their Go types, and the values of the string enums. <see cref="Check"/> walks a YAML document as the API server's
/// YAML → JSON → Go decoding would and lists every field that is unknown, of the wrong kind or outside its enum — the
/// structure the Experiment CRD's loose schema (x-kubernetes-preserve-unknown-fields) leaves unchecked.
/// </summary>
internal sealed partial class KatibGoTypes
{
    private readonly Dictionary<string, List<(string Json, string Type)>> _structs = [];
    private readonly Dictionary<string, HashSet<string>> _enums = [];
    private readonly HashSet<string> _stringTypes = [];

    public KatibGoTypes(params string[] sources)
    {
        foreach (var source in sources)
        {
            foreach (Match type in StructRegex().Matches(source))
            {
                var fields = new List<(string, string)>();
                foreach (var line in type.Groups["body"].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)))
                {
                    var field = FieldRegex().Match(line);
                    if (!field.Success) continue;
                    var json = field.Groups["json"].Value.Split(',')[0];
                    // An embedded struct without a JSON name is inlined; with `json:",inline"` too.
                    var goType = field.Groups["type"].Success && field.Groups["type"].Value.Length > 0 ? field.Groups["type"].Value : field.Groups["name"].Value;
                    fields.Add((json.Length == 0 ? "" : json, goType));
                }
                _structs[type.Groups["name"].Value] = fields;
            }
            foreach (Match named in StringTypeRegex().Matches(source)) _stringTypes.Add(named.Groups["name"].Value);
            foreach (Match constant in ConstRegex().Matches(source))
            {
                var typeName = constant.Groups["type"].Value;
                if (!_enums.TryGetValue(typeName, out var values)) _enums[typeName] = values = [];
                values.Add(constant.Groups["value"].Value);
            }
        }
    }

    public IReadOnlyCollection<string> Structs => _structs.Keys;

    /// <summary>The enum values Katib declares for <paramref name="typeName"/>.</summary>
    public IReadOnlySet<string> EnumValues(string typeName) => _enums[typeName];

    /// <summary>Problems of <paramref name="node"/> as a value of Go type <paramref name="goType"/>; empty when it decodes cleanly.</summary>
    public List<string> Check(YamlNode node, string goType, string path = "")
    {
        var problems = new List<string>();
        CheckInto(node, goType, path, problems);
        return problems;
    }

    private void CheckInto(YamlNode node, string goType, string path, List<string> problems)
    {
        goType = goType.TrimStart('*');
        if (goType.StartsWith("[]", StringComparison.Ordinal))
        {
            if (node is not YamlSequenceNode list) { problems.Add($"{path}: a list expected for {goType}"); return; }
            var i = 0;
            foreach (var item in list) CheckInto(item, goType[2..], $"{path}[{i++}]", problems);
            return;
        }
        if (goType == "map[string]string")
        {
            if (node is not YamlMappingNode map) { problems.Add($"{path}: a map expected"); return; }
            foreach (var (key, value) in map) CheckInto(value, "string", $"{path}.{key}", problems);
            return;
        }
        var local = goType.Contains('.') ? goType[(goType.LastIndexOf('.') + 1)..] : goType;
        if (goType.Contains('.') && !goType.StartsWith("common.", StringComparison.Ordinal)) return; // Kubernetes' own types (Unstructured, Container, Time): checked elsewhere or not at all
        switch (local)
        {
            case "string": CheckString(node, path, problems); return;
            case "int" or "int32" or "int64": CheckNumber(node, path, problems, IntegerRegex(), "an integer"); return;
            case "float64": CheckNumber(node, path, problems, FloatRegex(), "a number"); return;
            case "bool": CheckNumber(node, path, problems, BoolRegex(), "true or false"); return;
        }
        if (_stringTypes.Contains(local))
        {
            CheckString(node, path, problems);
            if (node is YamlScalarNode { Value: var value } && _enums.TryGetValue(local, out var allowed) && !allowed.Contains(value ?? ""))
                problems.Add($"{path}: '{value}' is not a {local} ({string.Join(", ", allowed.Select(a => $"'{a}'"))})");
            return;
        }
        if (!_structs.TryGetValue(local, out _)) { problems.Add($"{path}: unknown Go type {goType}"); return; }
        if (node is not YamlMappingNode mapping) { problems.Add($"{path}: a map expected for {local}"); return; }
        var fields = FieldsOf(local);
        foreach (var (key, value) in mapping)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (!fields.TryGetValue(name, out var fieldType)) { problems.Add($"{path}.{name}: no such field in Katib's {local}"); continue; }
            CheckInto(value, fieldType, $"{path}.{name}", problems);
        }
    }

    /// <summary>A struct's fields by JSON name, inlined embedded structs included (metav1.TypeMeta: apiVersion and kind).</summary>
    private Dictionary<string, string> FieldsOf(string structName)
    {
        var fields = new Dictionary<string, string>();
        foreach (var (json, type) in _structs[structName])
        {
            if (json.Length > 0) { fields[json] = type; continue; }
            if (type == "metav1.TypeMeta") { fields["apiVersion"] = "string"; fields["kind"] = "string"; continue; }
            foreach (var inlined in FieldsOf(type.TrimStart('*'))) fields[inlined.Key] = inlined.Value;
        }
        return fields;
    }

    // YAML → JSON turns a plain scalar that reads as a number, boolean or null into that type, which a Go string refuses.
    private static void CheckString(YamlNode node, string path, List<string> problems)
    {
        if (node is not YamlScalarNode scalar) { problems.Add($"{path}: a string expected"); return; }
        if (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && (IntegerRegex().IsMatch(scalar.Value!) || FloatRegex().IsMatch(scalar.Value!) || BoolRegex().IsMatch(scalar.Value!) || scalar.Value is "null" or "~" or ""))
            problems.Add($"{path}: '{scalar.Value}' is unquoted, so it decodes as a number, boolean or null, not the string Katib's type wants");
    }

    private static void CheckNumber(YamlNode node, string path, List<string> problems, Regex pattern, string what)
    {
        if (node is not YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar || !pattern.IsMatch(scalar.Value!))
            problems.Add($"{path}: {what} expected");
    }

    [GeneratedRegex(@"type (?<name>\w+) struct \{(?<body>.*?)\n\}", RegexOptions.Singleline)]
    private static partial Regex StructRegex();
    [GeneratedRegex(@"^(?<name>[\w.]+)(\s+(?<type>[\w.\[\]*]+))?\s+`json:""(?<json>[^""]*)""")]
    private static partial Regex FieldRegex();
    [GeneratedRegex(@"^type (?<name>\w+) string$", RegexOptions.Multiline)]
    private static partial Regex StringTypeRegex();
    [GeneratedRegex(@"^\s*\w+\s+(?<type>\w+)\s*=\s*""(?<value>[^""]*)""", RegexOptions.Multiline)]
    private static partial Regex ConstRegex();
    [GeneratedRegex(@"^[-+]?\d+$")]
    private static partial Regex IntegerRegex();
    [GeneratedRegex(@"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")]
    private static partial Regex FloatRegex();
    [GeneratedRegex(@"^(true|false|True|False|TRUE|FALSE)$")]
    private static partial Regex BoolRegex();
}
