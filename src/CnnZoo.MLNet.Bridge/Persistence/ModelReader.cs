using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Data.IO;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Bridge.Persistence;

/// <summary>Reads back what <see cref="ModelWriter"/> wrote. Unreadable content raises <see cref="InvalidDataException"/>.</summary>
internal sealed class ModelReader
{
    private readonly IHostEnvironment _env;
    private readonly ModelLoadContext _ctx;

    internal ModelReader(IHostEnvironment env, ModelLoadContext ctx) => (_env, _ctx) = (env, ctx);

    /// <summary>The entry's main stream.</summary>
    public BinaryReader Reader => _ctx.Reader;

    /// <summary>A string written by <see cref="ModelWriter.WriteString"/>.</summary>
    public string ReadString() => _ctx.LoadNonEmptyString();

    /// <summary>Reads a named stream; false when the model file has none of that name.</summary>
    public bool TryReadStream(string name, Action<BinaryReader> read) => _ctx.TryLoadBinaryStream(name, read);

    /// <summary>A label column description with the KeyValues written by <see cref="ModelWriter.WriteKeyValues"/>.</summary>
    public DataViewSchema.DetachedColumn ReadKeyValues(string labelName)
    {
        var saver = new BinarySaver(_env, new BinarySaver.Arguments());
        if (!saver.TryLoadTypeAndValue(_ctx.Reader.BaseStream, out var type, out var value) || type is not VectorDataViewType vectorType || value is null)
            throw new InvalidDataException("its label values are unreadable");
        var getter = (Delegate)GenericDispatch.Invoke(typeof(ModelReader), nameof(ValueGetter), vectorType.ItemType.RawType, value)!;
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add(MlNetNames.KeyValues, vectorType, getter);
        return new DataViewSchema.DetachedColumn(labelName, new KeyDataViewType(typeof(uint), vectorType.Size), annotations.ToAnnotations());
    }

    private static Delegate ValueGetter<T>(object value)
    {
        var buffer = (VBuffer<T>)value;
        return (ValueGetter<VBuffer<T>>)((ref VBuffer<T> dst) => buffer.CopyTo(ref dst));
    }
}
