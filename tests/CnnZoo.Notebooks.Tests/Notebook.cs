using System.Text;
using System.Text.Json.Nodes;

namespace CnnZoo.Notebooks.Tests;

/// <summary>A Jupyter notebook (.ipynb) read as JSON: its cells, their sources and outputs.</summary>
internal sealed class Notebook
{
    private Notebook(string path, IReadOnlyList<NotebookCell> cells) => (Path, Cells) = (path, cells);

    public string Path { get; }

    public IReadOnlyList<NotebookCell> Cells { get; }

    public IEnumerable<NotebookCell> CodeCells => Cells.Where(c => c.Type == "code");

    public static Notebook Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} is not a JSON object.");
        var cells = root["cells"] as JsonArray ?? throw new InvalidDataException($"{path} has no cells.");
        return new Notebook(path, cells.Select((cell, i) => NotebookCell.From(i + 1, cell as JsonObject ?? throw new InvalidDataException($"{path}: cell {i + 1} is not an object."))).ToList());
    }
}

/// <summary>One cell: 1-based index, type, source text and outputs.</summary>
internal sealed record NotebookCell(int Index, string Type, string Source, IReadOnlyList<JsonObject> Outputs)
{
    public static NotebookCell From(int index, JsonObject cell)
    {
        var type = cell["cell_type"]?.GetValue<string>() ?? "";
        var outputs = (cell["outputs"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        return new NotebookCell(index, type, Text(cell["source"]), outputs);
    }

    /// <summary>The error outputs: exceptions and compile errors (<c>output_type: error</c>), and anything written to stderr.</summary>
    public IEnumerable<string> Errors()
    {
        foreach (var output in Outputs)
        {
            var kind = output["output_type"]?.GetValue<string>();
            if (kind == "error")
                yield return $"{output["ename"]?.GetValue<string>()}: {output["evalue"]?.GetValue<string>()}";
            else if (kind == "stream" && output["name"]?.GetValue<string>() == "stderr")
                yield return "stderr: " + Text(output["text"]);
        }
    }

    /// <summary>The MIME types of the cell's display outputs (text/html, image/png …).</summary>
    public IEnumerable<string> MimeTypes() =>
        Outputs.Select(o => o["data"]).OfType<JsonObject>().SelectMany(d => d.Select(p => p.Key));

    /// <summary>All display data of one MIME type, concatenated.</summary>
    public string Data(string mimeType) =>
        string.Concat(Outputs.Select(o => o["data"]).OfType<JsonObject>().Select(d => Text(d[mimeType])));

    public string FirstLine => Source.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => lines.Aggregate(new StringBuilder(), (sb, line) => sb.Append(line?.GetValue<string>())).ToString(),
        JsonValue value => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
