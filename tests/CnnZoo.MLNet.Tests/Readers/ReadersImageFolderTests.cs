using CnnZoo.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using static CnnZoo.MLNet.Tests.ReaderSyntheticFiles;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class ReadersImageFolderTests
{
    private readonly MLContext _ml = new(seed: 1);

    [TestMethod]
    public void ClassesAndImagesAreListedInOrderWithImageExtensionsOnly()
    {
        using var temp = new ReaderTempFolder();
        Touch(temp.File("dog/b.JPG"));
        Touch(temp.File("dog/a.png"));
        Touch(temp.File("dog/notes.txt"));
        Touch(temp.File("dog/.hidden.png"));
        Touch(temp.File("cat/z.webp"));
        Touch(temp.File("cat/puppies/x.Jpeg"));
        Touch(temp.File("cat/y.bmp"));
        Touch(temp.File("cat/w.gif"));
        temp.Folder("empty-class");
        Touch(temp.File("stray.png"));

        var view = CnnZooData.LoadImageFolder(_ml, temp.Root);

        Assert.AreEqual(TextDataViewType.Instance, view.Schema["ImagePath"].Type);
        Assert.AreEqual(TextDataViewType.Instance, view.Schema["Label"].Type);
        string[] expected = ["cat/puppies/x.Jpeg", "cat/w.gif", "cat/y.bmp", "cat/z.webp", "dog/a.png", "dog/b.JPG"];
        CollectionAssert.AreEqual(expected.Select(p => Path.Combine(temp.Root, p)).ToArray(), ReaderViewColumns.Texts(view, "ImagePath"));
        CollectionAssert.AreEqual(new[] { "cat", "cat", "cat", "cat", "dog", "dog" }, ReaderViewColumns.Texts(view, "Label"));
    }

    [TestMethod]
    public void EmptyOrMissingFolderIsReported()
    {
        using var temp = new ReaderTempFolder();
        temp.Folder("cat");
        Touch(temp.File("dog/readme.txt"));

        var empty = Assert.ThrowsExactly<InvalidDataException>(() => CnnZooData.LoadImageFolder(_ml, temp.Root));
        Assert.Contains(temp.Root, empty.Message);
        Assert.Contains("no images", empty.Message);
        Assert.ThrowsExactly<DirectoryNotFoundException>(() => CnnZooData.LoadImageFolder(_ml, Path.Combine(temp.Root, "nope")));
    }

    [TestMethod]
    public void ExtractPixelsOverTheFolderGivesTheCifarFeatureLayout()
    {
        using var temp = new ReaderTempFolder();
        WritePng(temp.File("cat/0.png"));
        WriteCifar(temp.File("cifar/test_batch.bin"), [CifarRecord([3])]);

        var files = CnnZooData.LoadImageFolder(_ml, temp.Root);
        var pixels = _ml.Transforms.LoadImages("Image", null, "ImagePath")
            .Append(_ml.Transforms.ResizeImages("Image", 32, 32))
            .Append(_ml.Transforms.ExtractPixels("Features", "Image"))
            .Fit(files).Transform(files);
        var cifar = CnnZooData.LoadCifar10(_ml, temp.File("cifar"), "test");

        Assert.AreEqual(cifar.Schema["Features"].Type, pixels.Schema["Features"].Type);
        CollectionAssert.AreEqual(ReaderViewColumns.Vectors(cifar)[0], ReaderViewColumns.Vectors(pixels)[0]);
    }
}
