using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Data.IO;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Bridge.Persistence;

/// <summary>Writes one CnnZoo entry of an ML.NET model file: strings, plain binary values, named streams, label values.</summary>
internal sealed class ModelWriter
{
    private readonly IHostEnvironment _env;
    private readonly ModelSaveContext _ctx;

    internal ModelWriter(IHostEnvironment env, ModelSaveContext ctx) => (_env, _ctx) = (env, ctx);

    /// <summary>The entry's main stream, for numbers and flags.</summary>
    public BinaryWriter Writer => _ctx.Writer;

    /// <summary>A non-empty string (kept in the model file's string table).</summary>
    public void WriteString(string value) => _ctx.SaveNonEmptyString(value);

    /// <summary>A separate named stream in the model file (large binary content such as weights).</summary>
    public void WriteStream(string name, Action<BinaryWriter> write) => _ctx.SaveBinaryStream(name, write);

    /// <summary>A label column's KeyValues, of any type ML.NET can serialise.</summary>
    public void WriteKeyValues(DataViewSchema.DetachedColumn label)
    {
        var column = label.Annotations.Schema[MlNetNames.KeyValues];
        GenericDispatch.Invoke(typeof(ModelWriter), nameof(WriteKeyValuesCore), ((VectorDataViewType)column.Type).ItemType.RawType, this, label);
    }

    private static void WriteKeyValuesCore<T>(ModelWriter writer, DataViewSchema.DetachedColumn label)
    {
        var column = label.Annotations.Schema[MlNetNames.KeyValues];
        var values = default(VBuffer<T>);
        label.Annotations.GetGetter<VBuffer<T>>(column)(ref values);
        var saver = new BinarySaver(writer._env, new BinarySaver.Arguments());
        if (!saver.TryWriteTypeAndValue(writer.Writer.BaseStream, (VectorDataViewType)column.Type, ref values, out _))
            throw new InvalidOperationException($"The values of label '{label.Name}' ({column.Type}) cannot be saved in an ML.NET model file.");
    }
}
