using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>
/// A data view of random images: <c>Features</c> = <c>Vector&lt;Single, C, S, S&gt;</c> of integer values 0–255 (so the
/// trainer stores them as uint8, as it does real 8-bit images), <c>Label</c> = one of ten class names.
/// </summary>
public static class SyntheticImages
{
    /// <summary>Number of classes of the random labels.</summary>
    public const int Classes = 10;

    /// <summary>One row.</summary>
    public sealed class Row
    {
        /// <summary>Class name, "class0" … "class9".</summary>
        public string Label { get; set; } = "";

        /// <summary>Planar C×S×S pixels.</summary>
        public float[] Features { get; set; } = [];
    }

    /// <summary><paramref name="rows"/> random <paramref name="channels"/>×<paramref name="size"/>×<paramref name="size"/> images, reproducible from <paramref name="seed"/>.</summary>
    public static IDataView Create(MLContext ml, int rows, int channels, int size, int seed)
    {
        ArgumentNullException.ThrowIfNull(ml);
        var random = new Random(seed);
        var length = channels * size * size;
        var data = new List<Row>(rows);
        var bytes = new byte[length];
        for (var i = 0; i < rows; i++)
        {
            random.NextBytes(bytes);
            var pixels = new float[length];
            for (var j = 0; j < length; j++) pixels[j] = bytes[j];
            data.Add(new Row { Label = $"class{random.Next(Classes)}", Features = pixels });
        }
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, channels, size, size);
        return ml.Data.LoadFromEnumerable(data, schema);
    }
}
