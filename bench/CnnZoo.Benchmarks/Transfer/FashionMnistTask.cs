using System.IO.Compression;
using SkiaSharp;

namespace CnnZoo.Benchmarks.Transfer;

/// <summary>
/// Fashion-MNIST as image files, as ML.NET's image pipeline reads them: the first <c>perClass</c> training images of each
/// class (in file order) and the first <c>testImages</c> test images, written once as greyscale PNGs under a cache folder.
/// </summary>
public static class FashionMnistTask
{
    /// <summary>Debian's dataset-fashion-mnist folder.</summary>
    public const string DefaultFolder = "/usr/share/datasets/fashion-mnist";

    private static readonly string[] ClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Builds the task, writing missing PNGs under <paramref name="cacheFolder"/>.</summary>
    /// <exception cref="FileNotFoundException">The IDX files are missing (run <c>bash eng/setup.sh</c>).</exception>
    public static TransferTask Create(string? folder, string cacheFolder, int perClass, int testImages)
    {
        folder ??= DefaultFolder;
        var (trainImages, trainLabels) = Read(folder, "train");
        var (testImagesAll, testLabels) = Read(folder, "t10k");
        var taken = new int[ClassNames.Length];
        var train = new List<LabeledImage>();
        for (var i = 0; i < trainLabels.Length && train.Count < perClass * ClassNames.Length; i++)
        {
            if (taken[trainLabels[i]]++ >= perClass) continue;
            train.Add(new LabeledImage(Write(cacheFolder, "train", i, trainImages[i]), ClassNames[trainLabels[i]]));
        }
        var test = Enumerable.Range(0, Math.Min(testImages, testLabels.Length))
            .Select(i => new LabeledImage(Write(cacheFolder, "test", i, testImagesAll[i]), ClassNames[testLabels[i]])).ToArray();
        return new TransferTask("fashion-mnist",
            $"Fashion-MNIST ({folder}): the first {perClass} training images of each class, the first {test.Length} test images; 28x28 grey PNGs",
            train, test, Grey: true);
    }

    private static string Write(string cacheFolder, string split, int index, byte[] pixels)
    {
        var path = Path.Combine(cacheFolder, "fashion-mnist", split, $"{index:D5}.png");
        if (File.Exists(path)) return path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, data.ToArray());
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private static (byte[][] Images, byte[] Labels) Read(string folder, string split)
    {
        var images = ReadIdx(Path.Combine(folder, $"{split}-images-idx3-ubyte.gz"));
        var labels = ReadIdx(Path.Combine(folder, $"{split}-labels-idx1-ubyte.gz"));
        var count = labels.Length - 8;
        var rows = new byte[count][];
        for (var i = 0; i < count; i++) rows[i] = images.AsSpan(16 + i * 784, 784).ToArray();
        return (rows, labels[8..]);
    }

    private static byte[] ReadIdx(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Fashion-MNIST file {path} is missing: run `bash eng/setup.sh` (Debian's dataset-fashion-mnist) or pass --data.", path);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
