using CnnZoo.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Tests;

/// <summary>Reads the real Fashion-MNIST that eng/setup.sh installs from Debian's dataset-fashion-mnist package.</summary>
[TestClass]
public sealed class ReadersFashionMnistTests
{
    private readonly MLContext _ml = new(seed: 1);

    [TestMethod]
    public void TestSplitStartsWithAnAnkleBoot()
    {
        var view = CnnZooData.LoadFashionMnist(_ml, "test", maxRows: 100);

        Assert.AreEqual(100L, view.GetRowCount());
        CollectionAssert.AreEqual(new[] { 1, 28, 28 }, ReaderViewColumns.Dimensions(view));
        Assert.AreEqual("Ankle boot", ReaderViewColumns.Texts(view, "Label")[0]);
        Assert.AreEqual(9u, ReaderViewColumns.UInts(view, "LabelIndex")[0]);
        float[][] features = ReaderViewColumns.Vectors(view);
        Assert.IsTrue(features.All(image => image.All(v => v is >= 0 and <= 255 && v == MathF.Floor(v))));
        Assert.IsGreaterThan(200f, features[0].Max(), "the first image should have bright pixels");
    }

    [TestMethod]
    public void CursoringTheWholeTrainSplitReadsEveryRow()
    {
        // No time limit: speed belongs in a benchmark, not in an assertion a busy machine can fail.
        var view = CnnZooData.LoadFashionMnist(_ml, "train");
        long rows = 0;
        double sum = 0;
        using (var cursor = view.GetRowCursor(view.Schema))
        {
            var features = cursor.GetGetter<VBuffer<float>>(view.Schema["Features"]);
            var label = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Label"]);
            VBuffer<float> image = default;
            ReadOnlyMemory<char> name = default;
            while (cursor.MoveNext())
            {
                features(ref image);
                label(ref name);
                sum += image.GetValues()[400];
                rows++;
            }
        }

        Assert.AreEqual(60000L, rows);
        Assert.IsGreaterThan(0d, sum);
    }

    [TestMethod]
    public void MissingFolderSaysHowToInstall()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-fashion-mnist-" + Guid.NewGuid().ToString("N"));

        var error = Assert.ThrowsExactly<DirectoryNotFoundException>(() => CnnZooData.LoadFashionMnist(_ml, "train", missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
    }
}
