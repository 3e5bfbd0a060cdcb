using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Bridge;

/// <summary>
/// The annotations ML.NET's evaluators and <c>MapKeyToValue</c> look for on a multiclass scorer's output: score column
/// kind, set id, value kind, slot names and training label values (several are internal to ML.NET).
/// </summary>
internal static class ScoreColumns
{
    /// <summary>
    /// The <c>Score</c> vector of <paramref name="classes"/> probabilities and the <c>PredictedLabel</c> key, for
    /// <paramref name="inputSchema"/>; <paramref name="label"/> carries the label's KeyValues.
    /// </summary>
    public static DataViewSchema.DetachedColumn[] Multiclass(DataViewSchema inputSchema, DataViewSchema.DetachedColumn label,
        string scoreColumnName, string predictedLabelColumnName, int classes)
    {
        var keyValuesColumn = label.Annotations.Schema[MlNetNames.KeyValues];
        var keyValuesType = (VectorDataViewType)keyValuesColumn.Type;
        var keyValues = (Delegate)GenericDispatch.Invoke(typeof(ScoreColumns), nameof(KeyValuesGetter), keyValuesType.ItemType.RawType, label)!;
        var setId = inputSchema.GetMaxAnnotationKind(out _, AnnotationUtils.Kinds.ScoreColumnSetId) + 1;
        var multiclass = AnnotationUtils.Const.ScoreColumnKind.MulticlassClassification.AsMemory();

        var score = new DataViewSchema.Annotations.Builder();
        score.Add(AnnotationUtils.Kinds.ScoreColumnKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = multiclass);
        score.Add(AnnotationUtils.Kinds.ScoreColumnSetId, AnnotationUtils.ScoreColumnSetIdType, (ref uint v) => v = setId);
        score.Add(AnnotationUtils.Kinds.ScoreValueKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = AnnotationUtils.Const.ScoreValueKind.Score.AsMemory());
        score.Add(AnnotationUtils.Kinds.TrainingLabelValues, keyValuesType, keyValues);
        score.Add(AnnotationUtils.Kinds.SlotNames, keyValuesType, keyValues);

        var predicted = new DataViewSchema.Annotations.Builder();
        predicted.Add(AnnotationUtils.Kinds.KeyValues, keyValuesType, keyValues);
        predicted.Add(AnnotationUtils.Kinds.ScoreColumnKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = multiclass);
        predicted.Add(AnnotationUtils.Kinds.ScoreColumnSetId, AnnotationUtils.ScoreColumnSetIdType, (ref uint v) => v = setId);
        predicted.Add(AnnotationUtils.Kinds.ScoreValueKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = AnnotationUtils.Const.ScoreValueKind.PredictedLabel.AsMemory());

        return
        [
            new DataViewSchema.DetachedColumn(scoreColumnName, new VectorDataViewType(NumberDataViewType.Single, classes), score.ToAnnotations()),
            new DataViewSchema.DetachedColumn(predictedLabelColumnName, new KeyDataViewType(typeof(uint), classes), predicted.ToAnnotations()),
        ];
    }

    private static Delegate KeyValuesGetter<T>(DataViewSchema.DetachedColumn label) =>
        label.Annotations.GetGetter<VBuffer<T>>(label.Annotations.Schema[MlNetNames.KeyValues]);
}
