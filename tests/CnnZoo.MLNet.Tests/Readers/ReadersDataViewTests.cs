using CnnZoo.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using static CnnZoo.MLNet.Tests.ReaderSyntheticFiles;

namespace CnnZoo.MLNet.Tests;

/// <summary>Cursor behaviour of the in-memory views the readers return.</summary>
[TestClass]
public sealed class ReadersDataViewTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView LoadTwentyRows(ReaderTempFolder temp)
        => CnnZooData.LoadIdx(_ml, Write(temp.File("i"), IdxImages(20, 2, 2)), Write(temp.File("l"), IdxLabels(CyclicLabels(20))));

    [TestMethod]
    public void ShuffledCursorVisitsEveryRowOnceWithMatchingIds()
    {
        using var temp = new ReaderTempFolder();
        var view = LoadTwentyRows(temp);
        Assert.IsTrue(view.CanShuffle);

        var seen = new List<(ulong Id, uint Label, float Pixel)>();
        using (var cursor = view.GetRowCursor(view.Schema, new Random(3)))
        {
            var id = cursor.GetIdGetter();
            var label = cursor.GetGetter<uint>(view.Schema["LabelIndex"]);
            var features = cursor.GetGetter<VBuffer<float>>(view.Schema["Features"]);
            DataViewRowId rowId = default;
            uint labelIndex = 0;
            VBuffer<float> image = default;
            while (cursor.MoveNext())
            {
                id(ref rowId);
                label(ref labelIndex);
                features(ref image);
                seen.Add((rowId.Low, labelIndex, image.GetValues()[0]));
            }
        }

        CollectionAssert.AreEquivalent(Enumerable.Range(0, 20).Select(i => (ulong)i).ToArray(), seen.Select(s => s.Id).ToArray());
        CollectionAssert.AreNotEqual(Enumerable.Range(0, 20).Select(i => (ulong)i).ToArray(), seen.Select(s => s.Id).ToArray());
        Assert.IsTrue(seen.All(s => s.Label == s.Id % 10 && s.Pixel == IdxPixel((int)s.Id, 0, 0)));
    }

    [TestMethod]
    public void ShuffleRowsAndTrainTestSplitWork()
    {
        using var temp = new ReaderTempFolder();
        var view = LoadTwentyRows(temp);

        var shuffled = _ml.Data.ShuffleRows(view, seed: 5);
        var split = _ml.Data.TrainTestSplit(view, testFraction: 0.25, seed: 5);

        CollectionAssert.AreEquivalent(ReaderViewColumns.UInts(view, "LabelIndex"), ReaderViewColumns.UInts(shuffled, "LabelIndex"));
        Assert.AreEqual(20, ReaderViewColumns.UInts(split.TrainSet, "LabelIndex").Length + ReaderViewColumns.UInts(split.TestSet, "LabelIndex").Length);
    }

    [TestMethod]
    public void GettersCheckTypeActivityAndPosition()
    {
        using var temp = new ReaderTempFolder();
        var view = LoadTwentyRows(temp);

        using var cursor = view.GetRowCursor([view.Schema["Label"]]);
        Assert.IsTrue(cursor.IsColumnActive(view.Schema["Label"]));
        Assert.IsFalse(cursor.IsColumnActive(view.Schema["Features"]));
        Assert.ThrowsExactly<InvalidOperationException>(() => cursor.GetGetter<VBuffer<float>>(view.Schema["Features"]));
        Assert.ThrowsExactly<InvalidOperationException>(() => cursor.GetGetter<string>(view.Schema["Label"]));
        var label = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Label"]);
        ReadOnlyMemory<char> value = default;
        Assert.ThrowsExactly<InvalidOperationException>(() => label(ref value));
        Assert.IsTrue(cursor.MoveNext());
        label(ref value);
        Assert.AreEqual("0", value.ToString());
        Assert.AreEqual(0L, cursor.Position);
    }
}
