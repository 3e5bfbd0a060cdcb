using CnnZoo.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using static CnnZoo.MLNet.Tests.ReaderSyntheticFiles;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class ReadersCifarTests
{
    private const int PixelRow = 5, PixelColumn = 7;
    private const int PixelOffset = PixelRow * 32 + PixelColumn;
    private readonly MLContext _ml = new(seed: 1);

    /// <summary>Writes data_batch_1..5.bin with two records each (labels 2b, 2b+1 for batch b = 0..4) and test_batch.bin with labels 9, 8, 7.</summary>
    private static void WriteCifar10(string folder)
    {
        for (int b = 0; b < 5; b++)
            WriteCifar(Path.Combine(folder, $"data_batch_{b + 1}.bin"),
                [CifarRecord([(byte)(2 * b)], fill: (byte)b), CifarRecord([(byte)(2 * b + 1)], fill: (byte)b)]);
        WriteCifar(Path.Combine(folder, "test_batch.bin"), [CifarRecord([9]), CifarRecord([8]), CifarRecord([7])]);
    }

    [TestMethod]
    public void LoadCifar10ReadsAllBatchesWithSchemaNamesAndPixels()
    {
        using var temp = new ReaderTempFolder();
        WriteCifar10(temp.Root);

        var view = CnnZooData.LoadCifar10(_ml, temp.Root);

        Assert.AreEqual(10L, view.GetRowCount());
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3, 32, 32), view.Schema["Features"].Type);
        Assert.AreEqual(NumberDataViewType.UInt32, view.Schema["LabelIndex"].Type);
        Assert.AreEqual(TextDataViewType.Instance, view.Schema["Label"].Type);
        CollectionAssert.AreEqual(Enumerable.Range(0, 10).Select(i => (uint)i).ToArray(), ReaderViewColumns.UInts(view, "LabelIndex"));
        CollectionAssert.AreEqual(CnnZooData.Cifar10ClassNames.ToArray(), ReaderViewColumns.Texts(view, "Label"));

        float[] image = ReaderViewColumns.Vectors(view)[4];
        Assert.HasCount(3072, image);
        Assert.AreEqual(10f, image[PixelOffset]);
        Assert.AreEqual(200f, image[1024 + PixelOffset]);
        Assert.AreEqual(30f, image[2048 + PixelOffset]);
        Assert.AreEqual(2f, image[0], "batch 3's fill value");
    }

    [TestMethod]
    public void TestSplitMaxRowsAndMetaNames()
    {
        using var temp = new ReaderTempFolder();
        WriteCifar10(temp.Root);
        File.WriteAllLines(temp.File("batches.meta.txt"), ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "", ""]);

        var test = CnnZooData.LoadCifar10(_ml, temp.Root, "test", maxRows: 2);
        var train = CnnZooData.LoadCifar10(_ml, temp.Root, maxRows: 3);

        CollectionAssert.AreEqual(new[] { "j", "i" }, ReaderViewColumns.Texts(test, "Label"));
        CollectionAssert.AreEqual(new uint[] { 0, 1, 2 }, ReaderViewColumns.UInts(train, "LabelIndex"));
    }

    [TestMethod]
    public void TheArchiveSubFolderIsFound()
    {
        using var temp = new ReaderTempFolder();
        WriteCifar10(temp.Folder("cifar-10-batches-bin"));

        var view = CnnZooData.LoadCifar10(_ml, temp.Root, "test");

        Assert.AreEqual(3L, view.GetRowCount());
    }

    [TestMethod]
    public void WrongRecordSizeNamesTheFile()
    {
        using var temp = new ReaderTempFolder();
        WriteCifar10(temp.Root);
        File.AppendAllText(temp.File("data_batch_4.bin"), "xx");

        var error = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadCifar10(_ml, temp.Root, maxRows: 1));

        Assert.Contains("data_batch_4.bin", error.Message);
        Assert.Contains("3073-byte records", error.Message);
    }

    [TestMethod]
    public void Cifar100FileGivenToLoadCifar10SuggestsLoadCifar100()
    {
        using var temp = new ReaderTempFolder();
        WriteCifar(temp.File("test_batch.bin"), [CifarRecord([1, 2])]);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadCifar10(_ml, temp.Root, "test"));

        Assert.Contains("test_batch.bin", error.Message);
        Assert.Contains("LoadCifar100", error.Message);
    }

    [TestMethod]
    public void MissingBatchAndFolderAreReported()
    {
        using var temp = new ReaderTempFolder();
        WriteCifar10(temp.Root);
        File.Delete(temp.File("data_batch_5.bin"));

        var missingBatch = Assert.ThrowsExactly<FileNotFoundException>(() => CnnZooData.LoadCifar10(_ml, temp.Root));
        Assert.Contains("data_batch_5.bin", missingBatch.Message);
        Assert.ThrowsExactly<DirectoryNotFoundException>(() => CnnZooData.LoadCifar10(_ml, Path.Combine(temp.Root, "nope")));
        var noFiles = Assert.ThrowsExactly<FileNotFoundException>(() => CnnZooData.LoadCifar100(_ml, temp.Root));
        Assert.Contains("train.bin", noFiles.Message);
    }

    [TestMethod]
    public void LabelOutOfRangeNamesFileAndRecord()
    {
        using var temp = new ReaderTempFolder();
        WriteCifar(temp.File("test_batch.bin"), [CifarRecord([3]), CifarRecord([10])]);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadCifar10(_ml, temp.Root, "test"));

        Assert.Contains("test_batch.bin", error.Message);
        Assert.Contains("label 10 in record 1", error.Message);
    }

    [TestMethod]
    public void LoadCifar100ReadsFineOrCoarseLabels()
    {
        using var temp = new ReaderTempFolder();
        WriteCifar(temp.File("cifar-100-binary/train.bin"), [CifarRecord([4, 30]), CifarRecord([19, 99]), CifarRecord([0, 0])]);

        var fine = CnnZooData.LoadCifar100(_ml, temp.Root);
        var coarse = CnnZooData.LoadCifar100(_ml, temp.Root, fineLabels: false, maxRows: 2);

        CollectionAssert.AreEqual(new uint[] { 30, 99, 0 }, ReaderViewColumns.UInts(fine, "LabelIndex"));
        CollectionAssert.AreEqual(new[] { "dolphin", "worm", "apple" }, ReaderViewColumns.Texts(fine, "Label"));
        CollectionAssert.AreEqual(new uint[] { 4, 19 }, ReaderViewColumns.UInts(coarse, "LabelIndex"));
        CollectionAssert.AreEqual(new[] { "fruit_and_vegetables", "vehicles_2" }, ReaderViewColumns.Texts(coarse, "Label"));
        CollectionAssert.AreEqual(new[] { 3, 32, 32 }, ReaderViewColumns.Dimensions(fine));
        Assert.AreEqual(200f, ReaderViewColumns.Vectors(fine)[1][1024 + PixelOffset]);
    }

    [TestMethod]
    public void LoadCifar100UsesNameFilesWhenPresent()
    {
        using var temp = new ReaderTempFolder();
        WriteCifar(temp.File("test.bin"), [CifarRecord([1, 2])]);
        File.WriteAllLines(temp.File("fine_label_names.txt"), Enumerable.Range(0, 100).Select(i => $"fine{i}"));
        File.WriteAllLines(temp.File("coarse_label_names.txt"), Enumerable.Range(0, 19).Select(i => $"coarse{i}"));

        Assert.AreEqual("fine2", ReaderViewColumns.Texts(CnnZooData.LoadCifar100(_ml, temp.Root, "test"), "Label")[0]);
        var error = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadCifar100(_ml, temp.Root, "test", fineLabels: false));
        Assert.Contains("coarse_label_names.txt", error.Message);
        Assert.Contains("19 names; expected 20", error.Message);
    }

    [TestMethod]
    public void Cifar10FileGivenToLoadCifar100IsAWrongRecordSize()
    {
        using var temp = new ReaderTempFolder();
        WriteCifar(temp.File("train.bin"), [CifarRecord([1]), CifarRecord([2])]);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadCifar100(_ml, temp.Root));

        Assert.Contains("train.bin", error.Message);
        Assert.Contains("3074-byte records", error.Message);
    }
}
