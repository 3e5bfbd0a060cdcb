using System.Reflection;
using CnnZoo.Architectures;
using CnnZoo.Architectures.Export;
using Onnx;
using static TorchSharp.torch;

namespace CnnZoo.Onnx.Export;

/// <summary>Assembles the <c>ModelProto</c> of a zoo model: graph, opset, metadata; nothing that varies between runs.</summary>
internal static class OnnxModelBuilder
{
    // IR version 8 is the one that opset 17 came with (ONNX 1.12).
    private const long IrVersion = 8;

    private static readonly string ProducerVersion =
        typeof(OnnxModelBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";

    public static ModelProto Build(CnnModel model, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.InputName, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputName, nameof(options));
        if (options.InputName == options.OutputName)
            throw new ArgumentException($"OnnxExportOptions.InputName and OutputName must differ; both are '{options.InputName}'.", nameof(options));
        var size = options.InputSize ?? model.Options.InputSize;
        var channels = model.Options.InChannels;
        using (var probe = empty(1, channels, size, size)) model.ValidateInput(probe); // the model's own message for a size it refuses

        options.Normalization?.Validate(channels);

        using var noGrad = no_grad();
        var writer = new OnnxGraphWriter(model, model.Spec.Name);
        var input = options.ChannelsLast
            ? writer.Node("Transpose", [writer.Input(options.InputName, [-1, size, size, channels])], [-1, channels, size, size], OnnxAttributes.Ints("perm", 0, 3, 1, 2))
            : writer.Input(options.InputName, [-1, channels, size, size]);
        if (options.Normalization is { } statistics) input = Normalize(writer, input, statistics);
        var logits = model.DescribeForward(writer, input);
        if (logits.Rank != 2 || logits.Dim(1) != model.NumClasses)
            throw new InvalidOperationException($"The forward description of '{model.Spec.Name}' ends in {logits.ShapeText}, not the logits [N, {model.NumClasses}].");
        var output = options.Softmax ? writer.Node("Softmax", [logits], logits.Shape, OnnxAttributes.Int("axis", 1)) : logits;
        writer.Output(output, options.OutputName);

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "CnnZoo.Onnx",
            ProducerVersion = ProducerVersion,
            DocString = $"{model.Spec.Name}: {model.Spec.Description}. Eval mode (no dropout; BatchNorm with running statistics), {(options.Softmax ? "probabilities" : "logits")}.",
            Graph = writer.Graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxExport.OpsetVersion });
        AddMetadata(proto, "cnnzoo.architecture", model.Spec.Name);
        AddMetadata(proto, "cnnzoo.num_classes", model.NumClasses.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AddMetadata(proto, "cnnzoo.input_size", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in (options.Metadata ?? new Dictionary<string, string>()).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (proto.MetadataProps.Any(p => p.Key == key))
                throw new ArgumentException($"OnnxExportOptions.Metadata sets '{key}', which the exporter writes itself.", nameof(options));
            AddMetadata(proto, key, value);
        }
        return proto;
    }

    // (x − mean) / std per channel, as the trainer's normalisation layer computes it (a division, not a multiplication by 1/std).
    private static GraphValue Normalize(OnnxGraphWriter writer, GraphValue input, OnnxInputNormalization statistics)
    {
        long[] shape = [1, statistics.Mean.Count, 1, 1];
        var mean = writer.Constant("normalization.mean", shape, statistics.Mean.ToArray());
        var std = writer.Constant("normalization.std", shape, statistics.Std.ToArray());
        var centred = writer.Node("Sub", [input, mean], input.Shape);
        return writer.Node("Div", [centred, std], input.Shape);
    }

    private static void AddMetadata(ModelProto proto, string key, string value) =>
        proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
