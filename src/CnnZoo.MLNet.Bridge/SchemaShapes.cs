using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Bridge;

/// <summary>Builds <see cref="SchemaShape"/>s for estimators' <c>GetOutputSchema</c> (the constructors are internal in ML.NET).</summary>
internal static class SchemaShapes
{
    /// <summary>The shape of a concrete schema.</summary>
    public static SchemaShape Of(DataViewSchema schema) => SchemaShape.Create(schema);

    /// <summary>The column named <paramref name="name"/>, if the shape has one.</summary>
    public static bool TryFind(SchemaShape shape, string name, out SchemaShape.Column column) => shape.TryFindColumn(name, out column);

    /// <summary>A column shape.</summary>
    public static SchemaShape.Column Column(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType, bool isKey,
        IEnumerable<SchemaShape.Column>? annotations = null)
        => new(name, kind, itemType, isKey, annotations is null ? null : new SchemaShape(annotations));

    /// <summary><paramref name="input"/> with <paramref name="columns"/> added, replacing same-named ones.</summary>
    public static SchemaShape With(SchemaShape input, params SchemaShape.Column[] columns)
    {
        var all = input.ToDictionary(c => c.Name);
        foreach (var column in columns) all[column.Name] = column;
        return new SchemaShape(all.Values);
    }

    /// <summary>
    /// A multiclass trainer's <c>Score</c> and <c>PredictedLabel</c> shapes, as ML.NET's own trainers declare them: the
    /// predicted label carries the label's KeyValues, so a following <c>MapKeyToValue</c> fits.
    /// </summary>
    public static SchemaShape.Column[] MulticlassOutputs(SchemaShape.Column label, string scoreColumnName, string predictedLabelColumnName)
    {
        var keyValues = label.Annotations.TryFindColumn(MlNetNames.KeyValues, out var values)
            ? values
            : Column(MlNetNames.KeyValues, SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, false);
        return
        [
            Column(scoreColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, AnnotationUtils.AnnotationsForMulticlassScoreColumn(label)),
            Column(predictedLabelColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true, [keyValues]),
        ];
    }
}
