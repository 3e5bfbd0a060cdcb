using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Data.IO;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Bridge.Persistence;

/// <summary>
/// A label column's KeyValues in a model file, written and read back through ML.NET's codec for typed values
/// (<see cref="BinarySaver"/>), so that labels of any type ML.NET can serialise survive a save.
/// </summary>
internal static class LabelKeyValues
{
    /// <summary>Writes <paramref name="label"/>'s KeyValues at the stream's position.</summary>
    public static void Write(IHostEnvironment env, Stream stream, DataViewSchema.DetachedColumn label)
    {
        var column = label.Annotations.Schema[MlNetNames.KeyValues];
        GenericDispatch.Invoke(typeof(LabelKeyValues), nameof(WriteValues), ((VectorDataViewType)column.Type).ItemType.RawType, env, stream, label);
    }

    /// <summary>A label column description named <paramref name="labelName"/> with the KeyValues <see cref="Write"/> wrote.</summary>
    public static DataViewSchema.DetachedColumn Read(IHostEnvironment env, Stream stream, string labelName)
    {
        if (!Codec(env).TryLoadTypeAndValue(stream, out var type, out var value) || type is not VectorDataViewType vectorType || value is null)
            throw new InvalidDataException("its label values are unreadable");
        var getter = (Delegate)GenericDispatch.Invoke(typeof(LabelKeyValues), nameof(ValueGetter), vectorType.ItemType.RawType, value)!;
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add(MlNetNames.KeyValues, vectorType, getter);
        return new DataViewSchema.DetachedColumn(labelName, new KeyDataViewType(typeof(uint), vectorType.Size), annotations.ToAnnotations());
    }

    private static BinarySaver Codec(IHostEnvironment env) => new(env, new BinarySaver.Arguments());

    private static void WriteValues<T>(IHostEnvironment env, Stream stream, DataViewSchema.DetachedColumn label)
    {
        var column = label.Annotations.Schema[MlNetNames.KeyValues];
        var values = default(VBuffer<T>);
        label.Annotations.GetGetter<VBuffer<T>>(column)(ref values);
        if (!Codec(env).TryWriteTypeAndValue(stream, (VectorDataViewType)column.Type, ref values, out _))
            throw new InvalidOperationException($"The values of label '{label.Name}' ({column.Type}) cannot be saved in an ML.NET model file.");
    }

    private static Delegate ValueGetter<T>(object value)
    {
        var buffer = (VBuffer<T>)value;
        return (ValueGetter<VBuffer<T>>)((ref VBuffer<T> dst) => buffer.CopyTo(ref dst));
    }
}
