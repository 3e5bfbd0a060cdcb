using CnnZoo.Architectures;
using CnnZoo.Onnx.Export;
using Microsoft.ML;

namespace CnnZoo.Cli.Commands;

/// <summary>
/// <c>cnnzoo export &lt;model.zip | architecture&gt; -o model.onnx</c>: a trained model's CNN as ONNX with its input
/// normalisation and softmax (the graph's output is the model's Score column), or an architecture with random weights.
/// </summary>
public sealed class ExportCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = new Argument<string>("model") { Description = "A model zip saved by 'cnnzoo train' (or ml.Model.Save), or an architecture name as 'cnnzoo list' shows it (exported with random weights)." };
        var output = new Option<string>("--output", "-o") { Description = "The .onnx file to write.", Required = true };
        var opset = new Option<int>("--opset") { Description = $"ONNX operator set; only {OnnxExport.OpsetVersion} is supported.", DefaultValueFactory = _ => OnnxExport.OpsetVersion };
        var inputSize = new Option<int?>("--input-size", "-s") { Description = "Architectures only: square input side (default: the architecture's canonical size). A trained model keeps its training size." };
        var command = new Command("export", "Export a trained model (with its normalisation and softmax) or an architecture (random weights) to ONNX.");
        command.Arguments.Add(source);
        command.Options.Add(output);
        command.Options.Add(opset);
        command.Options.Add(inputSize);
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(opset) != OnnxExport.OpsetVersion)
                throw new CliUsageException($"--opset {parsed.GetValue(opset)} is not supported; the exporter writes opset {OnnxExport.OpsetVersion} only.");
            var from = parsed.GetValue(source)!;
            var to = Path.GetFullPath(parsed.GetValue(output)!);
            var size = parsed.GetValue(inputSize);
            var message = File.Exists(from) ? ExportTrained(from, to, size) : ExportArchitecture(from, to, size);
            context.Out.WriteLine(message);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string ExportTrained(string modelPath, string onnxPath, int? inputSize)
    {
        using var loaded = LoadedModel.Load(new MLContext(1), modelPath);
        var cnn = loaded.Cnn;
        if (inputSize is int size && size != cnn.Input.Height)
            throw new CliUsageException($"--input-size {size}: a trained model is exported at the size it was trained on, {cnn.Input.Height}; leave the option out.");
        cnn.ExportOnnx(onnxPath);
        return $"wrote {onnxPath}: {cnn.Architecture} trained model, input '{cnn.Input.Name}' float32 [N, {cnn.Input.ShapeText.Replace('×', ',')}] in the units the pipeline delivers (0-255 pixels), output '{cnn.ScoreColumnName}' [N, {cnn.NumClasses}] probabilities, classes in metadata cnnzoo.classes";
    }

    private static string ExportArchitecture(string name, string onnxPath, int? inputSize)
    {
        if (!ModelZoo.TryGet(name, out _) && (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || name.Contains(Path.DirectorySeparatorChar)))
            throw new CliUsageException($"Model file '{name}' does not exist.");
        var spec = ModelArguments.FindSpec(name);
        var options = new ModelOptions { InputSize = inputSize };
        var resolved = ModelArguments.Validate(spec, options);
        using var model = ModelZoo.Create(spec.Name, options);
        OnnxExport.Export(model, onnxPath);
        return $"wrote {onnxPath}: {spec.Name} with random-initialised weights (untrained), input 'input' float32 [N, {resolved.InChannels}, {resolved.InputSize}, {resolved.InputSize}], output 'logits' [N, {resolved.NumClasses}]";
    }
}
