using CnnZoo.Architectures;
using CnnZoo.MLNet.Data;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Data.IO;
using CnnZoo.MLNet.Internal.MlNetBridge;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Scoring;

/// <summary>
/// The part of a model file both transformers share: the architecture, its options, the input layout, the label
/// values and the weights (safetensors bytes: plain tensors, nothing that executes on load).
/// </summary>
internal static class ModelFile
{
    private const string WeightsStream = "CnnZooWeights.safetensors";

    public static void SaveNetwork(ModelSaveContext ctx, TrainedNetwork network)
    {
        ctx.SaveNonEmptyString(network.Architecture);
        var options = network.Model.Options;
        ctx.Writer.Write(options.NumClasses);
        ctx.Writer.Write(options.InChannels);
        ctx.Writer.Write(options.InputSize);
        ctx.Writer.Write(options.Dropout);
        ctx.Writer.Write(options.AuxClassifiers);
        var input = network.Input;
        ctx.SaveNonEmptyString(input.Name);
        ctx.Writer.Write((int)input.Kind);
        ctx.Writer.Write(input.Channels);
        ctx.Writer.Write(input.Height);
        ctx.Writer.Write(input.Width);
        ctx.Writer.Write(input.Interleaved);
        var weights = network.SaveWeights();
        ctx.SaveBinaryStream(WeightsStream, w =>
        {
            w.Write(weights.Length);
            w.Write(weights);
        });
    }

    public static TrainedNetwork LoadNetwork(IHostEnvironment env, ModelLoadContext ctx, string source)
    {
        var architecture = ctx.LoadNonEmptyString();
        if (!ModelZoo.TryGet(architecture, out _))
            throw Corrupt(source, $"it names an unknown architecture '{architecture}'");
        var options = new ModelOptions
        {
            NumClasses = ctx.Reader.ReadInt32(), InChannels = ctx.Reader.ReadInt32(), InputSize = ctx.Reader.ReadInt32(),
            Dropout = ctx.Reader.ReadDouble(), AuxClassifiers = ctx.Reader.ReadBoolean(),
            Device = DeviceSelection.For(env, explicitDevice: null),
        };
        var name = ctx.LoadNonEmptyString();
        var kind = (ImageColumnKind)ctx.Reader.ReadInt32();
        if (!Enum.IsDefined(kind)) throw Corrupt(source, $"its input kind {(int)kind} is unknown");
        var input = new ImageColumnInfo(name, kind, ctx.Reader.ReadInt32(), ctx.Reader.ReadInt32(), ctx.Reader.ReadInt32(), ctx.Reader.ReadBoolean());
        byte[]? weights = null;
        if (!ctx.TryLoadBinaryStream(WeightsStream, r =>
            {
                var length = r.ReadInt32();
                weights = r.ReadBytes(length);
                if (weights.Length != length) throw Corrupt(source, $"its weights are truncated ({weights.Length} of {length} bytes)");
            }))
            throw Corrupt(source, "the weights entry is missing");

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
            throw Corrupt(source, ex.Message, ex);
        }
    }

    public static InvalidDataException Corrupt(string source, string what, Exception? inner = null) =>
        new($"The CnnZoo model in {source} cannot be loaded: {what}. The file is truncated, tampered with or from an incompatible version; save it again.", inner);

    /// <summary>Writes a label column's KeyValues (any type ML.NET can serialise).</summary>
    public static void SaveKeyValues(IHostEnvironment env, ModelSaveContext ctx, DataViewSchema.DetachedColumn label)
    {
        var type = (VectorDataViewType)label.Annotations.Schema[AnnotationUtils.Kinds.KeyValues].Type;
        GenericDispatch.Invoke(typeof(ModelFile), nameof(SaveKeyValuesCore), type.ItemType.RawType, env, ctx, label);
    }

    private static void SaveKeyValuesCore<T>(IHostEnvironment env, ModelSaveContext ctx, DataViewSchema.DetachedColumn label)
    {
        var column = label.Annotations.Schema[AnnotationUtils.Kinds.KeyValues];
        var values = default(VBuffer<T>);
        label.Annotations.GetGetter<VBuffer<T>>(column)(ref values);
        var saver = new BinarySaver(env, new BinarySaver.Arguments());
        if (!saver.TryWriteTypeAndValue(ctx.Writer.BaseStream, (VectorDataViewType)column.Type, ref values, out _))
            throw env.Except($"Label values of type {column.Type} cannot be saved.");
    }

    /// <summary>Reads what <see cref="SaveKeyValues"/> wrote back into a label column description.</summary>
    public static DataViewSchema.DetachedColumn LoadKeyValues(IHostEnvironment env, ModelLoadContext ctx, string labelName, string source)
    {
        var saver = new BinarySaver(env, new BinarySaver.Arguments());
        if (!saver.TryLoadTypeAndValue(ctx.Reader.BaseStream, out var type, out var value) || type is not VectorDataViewType || value is null)
            throw Corrupt(source, "its label values are unreadable");
        var vectorType = (VectorDataViewType)type;
        var getter = (Delegate)GenericDispatch.Invoke(typeof(ModelFile), nameof(MakeGetter), vectorType.ItemType.RawType, value)!;
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add(AnnotationUtils.Kinds.KeyValues, vectorType, getter);
        return new DataViewSchema.DetachedColumn(labelName, new KeyDataViewType(typeof(uint), vectorType.Size), annotations.ToAnnotations());
    }

    private static Delegate MakeGetter<T>(object value)
    {
        var buffer = (VBuffer<T>)value;
        return (ValueGetter<VBuffer<T>>)((ref VBuffer<T> dst) => buffer.CopyTo(ref dst));
    }
}
