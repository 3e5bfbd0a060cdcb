using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Bridge.Persistence;

/// <summary>Writes one CnnZoo entry of an ML.NET model file: strings, plain binary values, named streams, label values.</summary>
internal sealed class ModelWriter(IHostEnvironment env, ModelSaveContext ctx)
{
    /// <summary>The entry's main stream, for numbers and flags.</summary>
    public BinaryWriter Writer => ctx.Writer;

    /// <summary>A non-empty string (kept in the model file's string table).</summary>
    public void WriteString(string value) => ctx.SaveNonEmptyString(value);

    /// <summary>A separate named stream in the model file (large binary content such as weights).</summary>
    public void WriteStream(string name, Action<BinaryWriter> write) => ctx.SaveBinaryStream(name, write);

    /// <summary>A label column's KeyValues, of any type ML.NET can serialise.</summary>
    public void WriteKeyValues(DataViewSchema.DetachedColumn label) => LabelKeyValues.Write(env, Writer.BaseStream, label);
}
