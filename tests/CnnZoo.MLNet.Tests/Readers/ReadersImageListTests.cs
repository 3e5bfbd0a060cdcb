using CnnZoo.MLNet.Data;
using Microsoft.ML;
using static CnnZoo.MLNet.Tests.ReaderSyntheticFiles;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class ReadersImageListTests
{
    private readonly MLContext _ml = new(seed: 1);

    [TestMethod]
    public void CsvWithHeaderInAnyColumnOrder()
    {
        using var temp = new ReaderTempFolder();
        Touch(temp.File("img/a.png"));
        Touch(temp.File("img/b, c.png"));
        File.WriteAllLines(temp.File("list.csv"), ["Label,Path", "cat,img/a.png", "", "\"dog\", \"img/b, c.png\""]);

        var view = CnnZooData.LoadImageList(_ml, temp.File("list.csv"));

        CollectionAssert.AreEqual(new[] { temp.File("img/a.png"), temp.File("img/b, c.png") }, ReaderViewColumns.Texts(view, "ImagePath"));
        CollectionAssert.AreEqual(new[] { "cat", "dog" }, ReaderViewColumns.Texts(view, "Label"));
    }

    [TestMethod]
    public void TsvWithoutHeaderAgainstAnImageRoot()
    {
        using var temp = new ReaderTempFolder();
        string root = temp.Folder("images");
        Touch(temp.File("images/x/1.jpg"));
        Touch(temp.File("images/2.jpg"));
        File.WriteAllLines(temp.File("lists/train.tsv"), ["x/1.jpg\tone", "2.jpg\ttwo, three"]);

        var view = CnnZooData.LoadImageList(_ml, temp.File("lists/train.tsv"), root);

        CollectionAssert.AreEqual(new[] { Path.Combine(root, "x/1.jpg"), Path.Combine(root, "2.jpg") }, ReaderViewColumns.Texts(view, "ImagePath"));
        CollectionAssert.AreEqual(new[] { "one", "two, three" }, ReaderViewColumns.Texts(view, "Label"));
    }

    [TestMethod]
    [DataRow("a.png\tcat", "cat")]
    [DataRow("a.png,cat", "cat")]
    public void SeparatorIsDetectedFromTheFirstLineForOtherExtensions(string line, string label)
    {
        using var temp = new ReaderTempFolder();
        Touch(temp.File("a.png"));
        File.WriteAllLines(temp.File("list.txt"), [line]);

        var view = CnnZooData.LoadImageList(_ml, temp.File("list.txt"));

        CollectionAssert.AreEqual(new[] { label }, ReaderViewColumns.Texts(view, "Label"));
    }

    [TestMethod]
    public void AbsolutePathsAndBackslashesAreAccepted()
    {
        using var temp = new ReaderTempFolder();
        string absolute = Touch(temp.File("abs.png"));
        Touch(temp.File("sub/rel.png"));
        File.WriteAllLines(temp.File("list.csv"), [$"{absolute},a", "sub\\rel.png,b"]);

        var view = CnnZooData.LoadImageList(_ml, temp.File("list.csv"));

        CollectionAssert.AreEqual(new[] { absolute, temp.File("sub/rel.png") }, ReaderViewColumns.Texts(view, "ImagePath"));
    }

    [TestMethod]
    public void MissingImageNamesLineNumberAndPath()
    {
        using var temp = new ReaderTempFolder();
        Touch(temp.File("a.png"));
        File.WriteAllLines(temp.File("list.csv"), ["path,label", "a.png,cat", "missing/b.png,dog"]);

        var error = Assert.ThrowsExactly<FileNotFoundException>(() => CnnZooData.LoadImageList(_ml, temp.File("list.csv")));

        Assert.Contains("line 3", error.Message);
        Assert.Contains("missing/b.png", error.Message);
        Assert.AreEqual(temp.File("missing/b.png"), error.FileName);
    }

    [TestMethod]
    public void EmptyListsAndBadLinesAreReported()
    {
        using var temp = new ReaderTempFolder();
        Touch(temp.File("a.png"));
        File.WriteAllLines(temp.File("empty.csv"), ["", "  "]);
        File.WriteAllLines(temp.File("header-only.csv"), ["path,label"]);
        File.WriteAllLines(temp.File("one-field.csv"), ["a.png,cat", "a.png"]);
        File.WriteAllLines(temp.File("half-header.csv"), ["path,class", "a.png,cat"]);
        File.WriteAllLines(temp.File("no-label.csv"), ["a.png,"]);

        Assert.Contains("empty", Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadImageList(_ml, temp.File("empty.csv"))).Message);
        Assert.Contains("no images", Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadImageList(_ml, temp.File("header-only.csv"))).Message);
        Assert.Contains("line 2", Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadImageList(_ml, temp.File("one-field.csv"))).Message);
        Assert.Contains("'label' column", Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadImageList(_ml, temp.File("half-header.csv"))).Message);
        Assert.Contains("label of 'a.png' is empty", Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadImageList(_ml, temp.File("no-label.csv"))).Message);
        Assert.ThrowsExactly<FileNotFoundException>(() => CnnZooData.LoadImageList(_ml, temp.File("absent.csv")));
        Assert.ThrowsExactly<DirectoryNotFoundException>(() => CnnZooData.LoadImageList(_ml, temp.File("header-only.csv"), temp.File("no-root/x")));
    }
}
