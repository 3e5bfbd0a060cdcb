using CnnZoo.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>What the export tests read from a trained pipeline and its data.</summary>
internal static class TrainedModels
{
    /// <summary>The CNN inside a fitted pipeline.</summary>
    public static CnnTransformer Cnn(ITransformer model) => model switch
    {
        CnnTransformer cnn => cnn,
        IEnumerable<ITransformer> chain => chain.OfType<CnnTransformer>().Single(),
        _ => throw new AssertFailedException($"No CnnTransformer in {model.GetType().Name}."),
    };

    /// <summary>Every row's values of a float vector column, concatenated.</summary>
    public static float[] Floats(IDataView data, string column)
    {
        var values = new List<float>();
        using var cursor = data.GetRowCursor([data.Schema[column]]);
        var getter = cursor.GetGetter<VBuffer<float>>(data.Schema[column]);
        var buffer = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            values.AddRange(buffer.DenseValues());
        }
        return values.ToArray();
    }

    /// <summary>The Score column's slot names: the class names in key order.</summary>
    public static string[] ScoreSlotNames(DataViewSchema schema, string scoreColumn = "Score")
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        schema[scoreColumn].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    /// <summary>Index of each row's largest value in a flat [rows, classes] array.</summary>
    public static int[] ArgMax(float[] flat, int classes) =>
        Enumerable.Range(0, flat.Length / classes).Select(r =>
        {
            var row = flat.AsSpan(r * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++) if (row[c] > row[best]) best = c;
            return best;
        }).ToArray();
}
