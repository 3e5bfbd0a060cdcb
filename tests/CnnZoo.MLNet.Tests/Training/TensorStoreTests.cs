using CnnZoo.MLNet.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests.Training;

[TestClass]
public sealed class TensorStoreTests
{
    private static readonly ImageShape Tiny = new(1, 2, 2);

    /// <summary>Image i holds (i mod 256, i / 256, 7, 9), label i: every batch can be checked against its labels.</summary>
    private static TensorStore Indexed(int count)
    {
        using var builder = new TensorStoreBuilder(Tiny);
        for (var i = 0; i < count; i++) builder.Add(new byte[] { (byte)(i % 256), (byte)(i / 256), 7, 9 }, i);
        return builder.Build();
    }

    [TestMethod]
    public void EightBitSourcesAreStoredAsUint8()
    {
        using var fromBytes = TensorStore.FromBytes(new byte[] { 0, 255, 3, 4, 5, 6, 7, 8 }, new long[] { 0, 1 }, Tiny);
        using var fromIntegralFloats = TensorStore.FromFloats(new float[] { 0, 255, 3, 4, 5, 6, 7, 8 }, new long[] { 0, 1 }, Tiny);
        Assert.AreEqual(ScalarType.Byte, fromBytes.PixelType);
        Assert.AreEqual(ScalarType.Byte, fromIntegralFloats.PixelType);
        Assert.IsTrue(fromIntegralFloats.IsEightBit);
        Assert.AreEqual(8L, fromBytes.PixelBytes);
        using var images = fromIntegralFloats.GetImages([1]);
        Assert.AreEqual(ScalarType.Byte, images.dtype);
        CollectionAssert.AreEqual(new byte[] { 5, 6, 7, 8 }, images.data<byte>().ToArray());
    }

    [TestMethod]
    public void NonEightBitValuesSwitchTheWholeStoreToFloat32()
    {
        using var builder = new TensorStoreBuilder(Tiny);
        builder.Add(new byte[] { 1, 2, 3, 4 }, 0);
        Assert.AreEqual(ScalarType.Byte, builder.PixelType);
        builder.Add(new float[] { 0.5f, 2, 3, 4 }, 1);
        builder.Add(new byte[] { 9, 8, 7, 6 }, 2);
        using var store = builder.Build();
        Assert.AreEqual(ScalarType.Float32, store.PixelType);
        using var images = store.GetImages([0, 1, 2]);
        CollectionAssert.AreEqual(new float[] { 1, 2, 3, 4, 0.5f, 2, 3, 4, 9, 8, 7, 6 }, images.data<float>().ToArray());
        using var negative = TensorStore.FromFloats(new float[] { -1, 0, 0, 0 }, new long[] { 0 }, Tiny);
        Assert.AreEqual(ScalarType.Float32, negative.PixelType);
    }

    [TestMethod]
    public void BadInputIsRefusedWithAClearMessage()
    {
        using var builder = new TensorStoreBuilder(Tiny);
        var wrongLength = Assert.ThrowsExactly<ArgumentException>(() => builder.Add(new byte[3], 0));
        StringAssert.Contains(wrongLength.Message, "1×2×2");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => builder.Add(new byte[4], -1));
        Assert.ThrowsExactly<InvalidOperationException>(() => builder.Build());
        Assert.ThrowsExactly<ArgumentException>(() => TensorStore.FromBytes(new byte[7], new long[] { 0, 1 }, Tiny));
    }

    [TestMethod]
    public void EveryPassYieldsEverySampleExactlyOnceWithItsLabel()
    {
        using var store = Indexed(301);
        using var generator = new torch.Generator(5);
        foreach (var shuffle in new[] { false, true })
        foreach (var batchSize in new[] { 1, 7, 64, 500 })
        {
            var seen = new List<long>();
            foreach (var batch in store.Batches(batchSize, shuffle, generator, CPU))
            {
                using (batch)
                {
                    Assert.AreEqual(ScalarType.Byte, batch.Images.dtype, "8-bit pixels stay uint8 until the model's normalisation");
                    Assert.AreEqual(ScalarType.Int64, batch.Labels.dtype);
                    Assert.IsLessThanOrEqualTo(batchSize, batch.Count);
                    var labels = batch.Labels.data<long>().ToArray();
                    var pixels = batch.Images.data<byte>().ToArray();
                    for (var i = 0; i < labels.Length; i++)
                    {
                        Assert.AreEqual(labels[i] % 256, (long)pixels[4 * i], "pixels belong to their label");
                        Assert.AreEqual(labels[i] / 256, (long)pixels[4 * i + 1]);
                    }
                    seen.AddRange(labels);
                }
            }
            CollectionAssert.AreEquivalent(Enumerable.Range(0, 301).Select(i => (long)i).ToArray(), seen.ToArray(), $"shuffle {shuffle}, batch {batchSize}");
            if (!shuffle) CollectionAssert.AreEqual(Enumerable.Range(0, 301).Select(i => (long)i).ToArray(), seen.ToArray());
        }
    }

    [TestMethod]
    public void TheSameGeneratorSeedGivesTheSameOrder()
    {
        using var store = Indexed(50);
        long[] Order(ulong seed)
        {
            using var generator = new torch.Generator(seed);
            var order = new List<long>();
            foreach (var batch in store.Batches(8, true, generator, CPU))
                using (batch) order.AddRange(batch.Labels.data<long>().ToArray());
            return order.ToArray();
        }
        CollectionAssert.AreEqual(Order(11), Order(11));
        CollectionAssert.AreNotEqual(Order(11), Order(12));
    }

    [TestMethod]
    public void BatchingLeavesNoLiveTensorsEvenWhenStoppedEarly()
    {
        using var store = Indexed(100);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        foreach (var batch in store.Batches(10, true, null, CPU)) batch.Dispose();
        foreach (var batch in store.Batches(10, false, null, CPU))
        {
            batch.Dispose();
            break;
        }
        Assert.AreEqual(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [TestMethod]
    public void DisposingDuringAPassFreesTheMemoryWhenThePassEnds()
    {
        var store = Indexed(40);
        using var enumerator = store.Batches(8, false, null, CPU).GetEnumerator();
        Assert.IsTrue(enumerator.MoveNext());
        enumerator.Current.Dispose();
        store.Dispose();
        Assert.ThrowsExactly<ObjectDisposedException>(() => store.Batches(8, false, null, CPU));
        Assert.IsTrue(enumerator.MoveNext(), "the running pass keeps reading");
        enumerator.Current.Dispose();
    }

    [TestMethod]
    public void SplitIsStratifiedDeterministicAndCopiesTheImages()
    {
        using var store = TrainingTestData.Patterns(perClass: 20);
        var (train, validation) = store.Split(0.25, seed: 4);
        using (train)
        using (validation)
        {
            Assert.AreEqual(45L, train.Count);
            Assert.AreEqual(15L, validation.Count);
            Assert.AreEqual(ScalarType.Byte, validation.PixelType);
            foreach (var label in new long[] { 0, 1, 2 }) Assert.AreEqual(5, validation.Labels.Count(l => l == label));
            var (train2, validation2) = store.Split(0.25, seed: 4);
            using (train2)
            using (validation2)
            using (var a = validation.GetImages(Enumerable.Range(0, 15).Select(i => (long)i).ToArray()))
            using (var b = validation2.GetImages(Enumerable.Range(0, 15).Select(i => (long)i).ToArray()))
                Assert.IsTrue(TrainingTestData.BitEqual(a, b));
        }
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => store.Split(1.0, 1));
    }

    [TestMethod]
    public void ChannelStatisticsMatchADirectComputation()
    {
        using var store = TrainingTestData.Patterns(perClass: 10, channels: 2);
        var statistics = store.ComputeChannelStatistics();
        using var all = store.GetImages(Enumerable.Range(0, 30).Select(i => (long)i).ToArray());
        using var asDouble = all.to_type(ScalarType.Float64);
        for (var c = 0; c < 2; c++)
        {
            using var channel = asDouble.select(1, c);
            Assert.AreEqual(channel.mean().item<double>(), statistics.Mean[c], 1e-9);
            Assert.AreEqual(channel.std(unbiased: false).item<double>(), statistics.Std[c], 1e-9);
        }
    }
}
