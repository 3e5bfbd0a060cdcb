using CnnZoo.Architectures;
using CnnZoo.MLNet.Data;
using CnnZoo.MLNet.Training;
using CnnZoo.MLNet.Bridge.Persistence;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Scoring;

/// <summary>
/// The part of a model file both transformers share: the architecture, its options, the input layout, the label
/// values and the weights (safetensors bytes: plain tensors, nothing that executes on load).
/// </summary>
internal static class ModelFile
{
    private const string WeightsStream = "CnnZooWeights.safetensors";

    public static void SaveNetwork(ModelWriter writer, TrainedNetwork network)
    {
        writer.WriteString(network.Architecture);
        var options = network.Model.Options;
        writer.Writer.Write(options.NumClasses);
        writer.Writer.Write(options.InChannels);
        writer.Writer.Write(options.InputSize);
        writer.Writer.Write(options.Dropout);
        writer.Writer.Write(options.AuxClassifiers);
        var input = network.Input;
        writer.WriteString(input.Name);
        writer.Writer.Write((int)input.Kind);
        writer.Writer.Write(input.Channels);
        writer.Writer.Write(input.Height);
        writer.Writer.Write(input.Width);
        writer.Writer.Write(input.Interleaved);
        var weights = network.SaveWeights();
        writer.WriteStream(WeightsStream, w =>
        {
            w.Write(weights.Length);
            w.Write(weights);
        });
    }

    public static TrainedNetwork LoadNetwork(IHostEnvironment env, ModelReader reader)
    {
        const string source = "the model file";
        var architecture = reader.ReadString();
        if (!ModelZoo.TryGet(architecture, out _))
            throw Corrupt($"it names an unknown architecture '{architecture}'");
        var options = new ModelOptions
        {
            NumClasses = reader.Reader.ReadInt32(), InChannels = reader.Reader.ReadInt32(), InputSize = reader.Reader.ReadInt32(),
            Dropout = reader.Reader.ReadDouble(), AuxClassifiers = reader.Reader.ReadBoolean(),
            Device = DeviceSelection.For(env, explicitDevice: null),
        };
        var name = reader.ReadString();
        var kind = (ImageColumnKind)reader.Reader.ReadInt32();
        if (!Enum.IsDefined(kind)) throw Corrupt($"its input kind {(int)kind} is unknown");
        var input = new ImageColumnInfo(name, kind, reader.Reader.ReadInt32(), reader.Reader.ReadInt32(), reader.Reader.ReadInt32(), reader.Reader.ReadBoolean());
        byte[]? weights = null;
        if (!reader.TryReadStream(WeightsStream, r =>
            {
                var length = r.ReadInt32();
                weights = r.ReadBytes(length);
                if (weights.Length != length) throw Corrupt($"its weights are truncated ({weights.Length} of {length} bytes)");
            }))
            throw Corrupt("the weights entry is missing");

        CnnModel? model = null;
        try
        {
            model = ModelZoo.Create(architecture, options);
            var network = new TrainedNetwork(NormalizedClassifier.Untrained(model), input, options.Device!);
            network.LoadWeights(weights!, source);
            return network;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or CnnZoo.Architectures.Weights.StateDictMismatchException)
        {
            model?.Dispose();
            throw Corrupt(ex.Message, ex);
        }
    }

    public static InvalidDataException Corrupt(string what, Exception? inner = null) =>
        new($"The CnnZoo model in the model file cannot be loaded: {what}. The file is truncated, tampered with or from an incompatible version; save it again.", inner);

    /// <summary>Reads the label column description with the values <see cref="ModelWriter.WriteKeyValues"/> wrote.</summary>
    public static Microsoft.ML.DataViewSchema.DetachedColumn LoadKeyValues(ModelReader reader, string labelName)
    {
        try { return reader.ReadKeyValues(labelName); }
        catch (InvalidDataException ex) { throw Corrupt(ex.Message, ex); }
    }
}
