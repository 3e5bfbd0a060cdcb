using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Bridge.Persistence;

/// <summary>Reads back what <see cref="ModelWriter"/> wrote. Unreadable content raises <see cref="InvalidDataException"/>.</summary>
internal sealed class ModelReader(IHostEnvironment env, ModelLoadContext ctx)
{
    /// <summary>The entry's main stream.</summary>
    public BinaryReader Reader => ctx.Reader;

    /// <summary>A string written by <see cref="ModelWriter.WriteString"/>.</summary>
    public string ReadString() => ctx.LoadNonEmptyString();

    /// <summary>Reads a named stream; false when the model file has none of that name.</summary>
    public bool TryReadStream(string name, Action<BinaryReader> read) => ctx.TryLoadBinaryStream(name, read);

    /// <summary>A label column description with the KeyValues written by <see cref="ModelWriter.WriteKeyValues"/>.</summary>
    public DataViewSchema.DetachedColumn ReadKeyValues(string labelName) => LabelKeyValues.Read(env, ctx.Reader.BaseStream, labelName);
}
