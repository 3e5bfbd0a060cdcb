using CnnZoo.MLNet.Data;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class PixelBytesTests
{
    [TestMethod]
    public void EveryByteBecomesTheSameFloatAtAnyLength()
    {
        foreach (var length in new[] { 0, 1, 15, 31, 32, 33, 256, 784, 1000, 3 * 32 * 32 + 5 })
        {
            var source = Enumerable.Range(0, length).Select(i => (byte)((i * 37 + 11) % 256)).ToArray();
            var destination = Enumerable.Repeat(-1f, length + 3).ToArray();

            PixelBytes.ToSingles(source, destination);

            for (var i = 0; i < length; i++) Assert.AreEqual((float)source[i], destination[i], $"length {length}, index {i}");
            Assert.IsTrue(destination.Skip(length).All(v => v == -1f), $"length {length}: nothing written past the source");
        }
    }

    [TestMethod]
    public void AShortDestinationIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => PixelBytes.ToSingles(new byte[40], new float[39]));
        StringAssert.Contains(error.Message, "40");
    }
}
