// CnnZoo.OnnxServing <model.onnx> <pixels.f32> <values-per-row> <result.json>
// Scores raw float32 rows (little-endian, values-per-row each) with ml.Transforms.ApplyOnnxModel and writes JSON:
// the class names from the model's metadata, each row's predicted class name and probabilities, and every assembly
// this process loaded (to show that serving needs no TorchSharp).
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

if (args.Length != 4)
{
    Console.Error.WriteLine("usage: CnnZoo.OnnxServing <model.onnx> <pixels.f32> <values-per-row> <result.json>");
    return 2;
}
var (modelPath, pixelsPath, length, resultPath) = (args[0], args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3]);

// The graph names its input after the feature column and its output after the score column; the classes are metadata.
string inputName, outputName;
string[] classes;
using (var session = new InferenceSession(modelPath))
{
    (inputName, outputName) = (session.InputNames.Single(), session.OutputNames.Single());
    classes = JsonSerializer.Deserialize<string[]>(session.ModelMetadata.CustomMetadataMap["cnnzoo.classes"])!;
}

var pixels = File.ReadAllBytes(pixelsPath);
var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(pixels).ToArray();
var rows = Enumerable.Range(0, values.Length / length).Select(i => new PixelRow { Pixels = values[(i * length)..((i + 1) * length)] }).ToList();

var ml = new MLContext();
var schema = SchemaDefinition.Create(typeof(PixelRow));
var pixelColumn = schema[nameof(PixelRow.Pixels)];
pixelColumn.ColumnType = new VectorDataViewType(NumberDataViewType.Single, length);
pixelColumn.ColumnName = inputName;
var data = ml.Data.LoadFromEnumerable(rows, schema);
var model = ml.Transforms.ApplyOnnxModel(modelPath).Fit(data);
var scored = model.Transform(data);

var scores = new List<float[]>();
using (var cursor = scored.GetRowCursor([scored.Schema[outputName]]))
{
    var getter = cursor.GetGetter<VBuffer<float>>(scored.Schema[outputName]);
    var buffer = default(VBuffer<float>);
    while (cursor.MoveNext())
    {
        getter(ref buffer);
        scores.Add(buffer.DenseValues().ToArray());
    }
}
var labels = scores.Select(s => classes[Array.IndexOf(s, s.Max())]).ToArray();
var assemblies = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "").OrderBy(n => n, StringComparer.Ordinal).ToArray();
File.WriteAllText(resultPath, JsonSerializer.Serialize(new { classes, labels, scores, assemblies }));
Console.WriteLine($"scored {scores.Count} rows");
return 0;

internal sealed class PixelRow
{
    public float[] Pixels { get; set; } = [];
}
