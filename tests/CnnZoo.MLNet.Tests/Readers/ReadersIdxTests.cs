using CnnZoo.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using static CnnZoo.MLNet.Tests.ReaderSyntheticFiles;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class ReadersIdxTests
{
    private readonly MLContext _ml = new(seed: 1);

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void LoadIdxReadsSchemaLabelsAndPixelsInChwOrder(bool gzip)
    {
        using var temp = new ReaderTempFolder();
        string images = Write(temp.File("images.idx"), IdxImages(12, 28, 28), gzip);
        string labels = Write(temp.File("labels.idx"), IdxLabels(CyclicLabels(12)), gzip);

        var view = CnnZooData.LoadIdx(_ml, images, labels, CnnZooData.FashionMnistClassNames);

        Assert.AreEqual(12L, view.GetRowCount());
        Assert.AreEqual(TextDataViewType.Instance, view.Schema["Label"].Type);
        Assert.AreEqual(NumberDataViewType.UInt32, view.Schema["LabelIndex"].Type);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 1, 28, 28), view.Schema["Features"].Type);
        CollectionAssert.AreEqual(new[] { 1, 28, 28 }, ReaderViewColumns.Dimensions(view));

        string[] names = ReaderViewColumns.Texts(view, "Label");
        Assert.AreEqual("T-shirt/top", names[0]);
        Assert.AreEqual("Ankle boot", names[9]);
        Assert.AreEqual("Trouser", names[11]);
        CollectionAssert.AreEqual(CyclicLabels(12).Select(b => (uint)b).ToArray(), ReaderViewColumns.UInts(view, "LabelIndex"));

        float[][] features = ReaderViewColumns.Vectors(view);
        Assert.HasCount(784, features[5]);
        Assert.AreEqual(IdxPixel(5, 13, 21), features[5][13 * 28 + 21]);
        Assert.AreEqual(IdxPixel(11, 27, 27), features[11][783]);
    }

    [TestMethod]
    public void LoadIdxWithoutClassNamesUsesTheLabelValues()
    {
        using var temp = new ReaderTempFolder();
        string images = Write(temp.File("i"), IdxImages(3, 4, 5));
        string labels = Write(temp.File("l"), IdxLabels([2, 0, 7]));

        var view = CnnZooData.LoadIdx(_ml, images, labels);

        CollectionAssert.AreEqual(new[] { "2", "0", "7" }, ReaderViewColumns.Texts(view, "Label"));
        CollectionAssert.AreEqual(new[] { 1, 4, 5 }, ReaderViewColumns.Dimensions(view));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void MaxRowsKeepsTheFirstRows(bool gzip)
    {
        using var temp = new ReaderTempFolder();
        string images = Write(temp.File("i"), IdxImages(20, 6, 6), gzip);
        string labels = Write(temp.File("l"), IdxLabels(CyclicLabels(20)), gzip);

        var view = CnnZooData.LoadIdx(_ml, images, labels, maxRows: 3);

        Assert.AreEqual(3L, view.GetRowCount());
        CollectionAssert.AreEqual(new uint[] { 0, 1, 2 }, ReaderViewColumns.UInts(view, "LabelIndex"));
        Assert.AreEqual(IdxPixel(2, 1, 1), ReaderViewColumns.Vectors(view)[2][7]);
    }

    [TestMethod]
    public void MapValueToKeyOverTheIdxViewGivesTenKeys()
    {
        using var temp = new ReaderTempFolder();
        string images = Write(temp.File("i"), IdxImages(30, 28, 28), gzip: true);
        string labels = Write(temp.File("l"), IdxLabels(CyclicLabels(30)), gzip: true);
        var view = CnnZooData.LoadIdx(_ml, images, labels, CnnZooData.FashionMnistClassNames);

        var transformed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(view).Transform(view);

        var keyType = transformed.Schema["Label"].Type as KeyDataViewType;
        Assert.IsNotNull(keyType);
        Assert.AreEqual(10UL, keyType.Count);
        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        transformed.Schema["Label"].GetKeyValues(ref keyValues);
        CollectionAssert.AreEquivalent(CnnZooData.FashionMnistClassNames.ToArray(), keyValues.DenseValues().Select(v => v.ToString()).ToArray());
    }

    [TestMethod]
    public void BadImagesMagicNamesTheFile()
    {
        using var temp = new ReaderTempFolder();
        string images = Write(temp.File("bad-images.idx"), IdxImages(2, 3, 3, magic: 0x00000804));
        string labels = Write(temp.File("labels.idx"), IdxLabels([0, 1]));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadIdx(_ml, images, labels));

        Assert.Contains("bad-images.idx", error.Message);
        Assert.Contains("0x00000804", error.Message);
        Assert.Contains("0x00000803", error.Message);
    }

    [TestMethod]
    public void SwappedImagesAndLabelsAreReportedAsSuch()
    {
        using var temp = new ReaderTempFolder();
        string images = Write(temp.File("images.idx"), IdxImages(2, 3, 3));
        string labels = Write(temp.File("labels.idx"), IdxLabels([0, 1]), gzip: true);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadIdx(_ml, labels, images));

        Assert.Contains("labels.idx", error.Message);
        Assert.Contains("swapped", error.Message);
    }

    [TestMethod]
    public void BadLabelsMagicNamesTheFile()
    {
        using var temp = new ReaderTempFolder();
        string images = Write(temp.File("images.idx"), IdxImages(2, 3, 3));
        string labels = Write(temp.File("odd-labels.idx"), IdxLabels([0, 1], magic: 0x12345678));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadIdx(_ml, images, labels));

        Assert.Contains("odd-labels.idx", error.Message);
        Assert.Contains("not an IDX file", error.Message);
    }

    [TestMethod]
    public void CountMismatchNamesBothFiles()
    {
        using var temp = new ReaderTempFolder();
        string images = Write(temp.File("images.idx"), IdxImages(5, 3, 3));
        string labels = Write(temp.File("labels.idx"), IdxLabels(CyclicLabels(4)));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadIdx(_ml, images, labels));

        Assert.Contains("images.idx' declares 5 images", error.Message);
        Assert.Contains("labels.idx' declares 4 labels", error.Message);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void TruncatedImagesFileIsReported(bool gzip)
    {
        using var temp = new ReaderTempFolder();
        byte[] full = IdxImages(4, 3, 3);
        string images = Write(temp.File("short-images.idx"), full[..^5], gzip);
        string labels = Write(temp.File("labels.idx"), IdxLabels([0, 1, 2, 3]));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadIdx(_ml, images, labels, maxRows: 1));

        Assert.Contains("short-images.idx", error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("31 bytes", error.Message);
    }

    [TestMethod]
    public void TruncatedHeaderIsReported()
    {
        using var temp = new ReaderTempFolder();
        string images = Write(temp.File("images.idx"), IdxImages(1, 3, 3)[..10]);
        string labels = Write(temp.File("labels.idx"), IdxLabels([0]));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadIdx(_ml, images, labels));

        Assert.Contains("header", error.Message);
    }

    [TestMethod]
    public void TrailingBytesAreReported()
    {
        using var temp = new ReaderTempFolder();
        string images = Write(temp.File("images.idx"), IdxImages(2, 3, 3));
        string labels = Write(temp.File("long-labels.idx"), [.. IdxLabels([0, 1]), 9, 9, 9], gzip: true);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadIdx(_ml, images, labels));

        Assert.Contains("long-labels.idx", error.Message);
        Assert.Contains("3 unexpected bytes", error.Message);
    }

    [TestMethod]
    public void ZeroImageSizeIsReported()
    {
        using var temp = new ReaderTempFolder();
        string images = Write(temp.File("images.idx"), IdxImages(0, 0, 3));
        string labels = Write(temp.File("labels.idx"), IdxLabels([]));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadIdx(_ml, images, labels));

        Assert.Contains("invalid size 0", error.Message);
    }

    [TestMethod]
    public void LabelWithoutClassNameIsReported()
    {
        using var temp = new ReaderTempFolder();
        string images = Write(temp.File("images.idx"), IdxImages(3, 2, 2));
        string labels = Write(temp.File("labels.idx"), IdxLabels([0, 1, 12]));

        var error = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadIdx(_ml, images, labels, CnnZooData.MnistClassNames));

        Assert.Contains("label 12 at row 2", error.Message);
    }

    [TestMethod]
    public void MissingFileAndBadArgumentsAreReported()
    {
        using var temp = new ReaderTempFolder();
        string labels = Write(temp.File("labels.idx"), IdxLabels([0]));

        Assert.ThrowsExactly<FileNotFoundException>(() => CnnZooData.LoadIdx(_ml, temp.File("nope.idx"), labels));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => CnnZooData.LoadIdx(_ml, labels, labels, maxRows: 0));
        Assert.ThrowsExactly<ArgumentException>(() => CnnZooData.LoadMnist(_ml, temp.Root, "validation"));
        var swapped = Assert.ThrowsExactly<ArgumentException>(() => CnnZooData.LoadFashionMnist(_ml, temp.Root, "train"));
        StringAssert.Contains(swapped.Message, "swapped");
    }

    [TestMethod]
    [DataRow("train", "train-images-idx3-ubyte", "train-labels-idx1-ubyte", false)]
    [DataRow("test", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", true)]
    [DataRow("TEST", "t10k-images.idx3-ubyte", "t10k-labels.idx1-ubyte", false)]
    public void LoadMnistFindsTheStandardFileNames(string split, string imagesName, string labelsName, bool gzip)
    {
        using var temp = new ReaderTempFolder();
        Write(temp.File(imagesName), IdxImages(4, 28, 28), gzip);
        Write(temp.File(labelsName), IdxLabels([3, 1, 4, 1]), gzip);

        var view = CnnZooData.LoadMnist(_ml, temp.Root, split);

        CollectionAssert.AreEqual(new[] { "3", "1", "4", "1" }, ReaderViewColumns.Texts(view, "Label"));
    }

    [TestMethod]
    public void LoadMnistNamesTheMissingFile()
    {
        using var temp = new ReaderTempFolder();
        Write(temp.File("train-images-idx3-ubyte.gz"), IdxImages(1, 28, 28), gzip: true);

        var error = Assert.ThrowsExactly<FileNotFoundException>(() => CnnZooData.LoadMnist(_ml, temp.Root, "train"));

        Assert.Contains("train-labels-idx1-ubyte.gz", error.Message);
    }
}
