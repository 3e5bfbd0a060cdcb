using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>Reads whole columns of a data view for assertions.</summary>
internal static class ReaderViewColumns
{
    public static string[] Texts(IDataView view, string column) => [.. view.GetColumn<string>(column)];

    public static uint[] UInts(IDataView view, string column) => [.. view.GetColumn<uint>(column)];

    public static float[][] Vectors(IDataView view, string column = "Features") => [.. view.GetColumn<float[]>(column)];

    public static VectorDataViewType VectorType(IDataView view, string column = "Features")
        => (VectorDataViewType)view.Schema[column].Type;

    public static int[] Dimensions(IDataView view, string column = "Features") => [.. VectorType(view, column).Dimensions];
}
