using System.Globalization;
using System.Text.Json;
using CnnZoo.MLNet.Comparison;
using CnnZoo.MLNet.Data;
using CnnZoo.Onnx.Export;

namespace CnnZoo.MLNet.Scoring;

/// <summary>
/// The ONNX export of a trained classifier: the network with the trainer's input normalisation in front and softmax
/// behind, so the graph maps the feature column's values (raw scale, as ML.NET delivers them) to the <c>Score</c> column.
/// </summary>
internal static class TrainedOnnxExport
{
    /// <summary>Metadata key of the class names (the label's key values, in key order) as a JSON array.</summary>
    public const string ClassesKey = "cnnzoo.classes";

    /// <summary>The exporter options that reproduce <paramref name="transformer"/>'s Score column.</summary>
    public static OnnxExportOptions OptionsFor(CnnTransformer transformer, CnnOnnxExportOptions? options)
    {
        var network = transformer.Network;
        var input = network.Input;
        var statistics = network.Module.Normalization.Statistics;
        return new OnnxExportOptions
        {
            InputName = options?.InputName ?? input.Name,
            OutputName = options?.OutputName ?? transformer.ScoreColumnName,
            InputSize = input.Height,
            ChannelsLast = input.Interleaved,
            Softmax = true,
            // The normalisation layer stores a zero std as 1 already, so these are the divisors the network used.
            Normalization = new OnnxInputNormalization(
                statistics.Mean.Select(m => (float)m).ToArray(), statistics.Std.Select(s => (float)s).ToArray()),
            Metadata = new Dictionary<string, string>
            {
                [ClassesKey] = JsonSerializer.Serialize(ClassNames.Of(transformer.LabelColumn, transformer.NumClasses)),
                ["cnnzoo.input_column"] = input.Name,
                ["cnnzoo.input_shape"] = JsonSerializer.Serialize(input.Interleaved ? new[] { input.Height, input.Width, input.Channels } : [input.Channels, input.Height, input.Width]),
                ["cnnzoo.input_units"] = InputUnits(input),
                ["cnnzoo.output"] = "probabilities",
            },
        };
    }

    private static string InputUnits(ImageColumnInfo input) => input.Kind switch
    {
        ImageColumnKind.FloatPixels => "the feature column's float values as given (0-255 for ExtractPixels defaults)",
        _ => string.Create(CultureInfo.InvariantCulture, $"float pixels 0-255, planar, as ExtractPixels writes them by default (the model was trained on a {input.Kind} column)"),
    };
}
