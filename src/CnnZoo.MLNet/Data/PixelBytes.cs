using System.Numerics;

namespace CnnZoo.MLNet.Data;

/// <summary>8-bit pixel values to floats, a SIMD register of bytes at a time (every row of an 8-bit image view pays this).</summary>
internal static class PixelBytes
{
    /// <summary><c>destination[i] = source[i]</c> for every byte of <paramref name="source"/>.</summary>
    public static void ToSingles(ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException($"The destination holds {destination.Length} values; {source.Length} are needed.", nameof(destination));
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var step = Vector<byte>.Count;
            var quarter = Vector<uint>.Count;
            for (; i <= source.Length - step; i += step)
            {
                Vector.Widen(new Vector<byte>(source[i..]), out var low, out var high);
                Vector.Widen(low, out var first, out var second);
                Vector.Widen(high, out var third, out var fourth);
                Vector.ConvertToSingle(first).CopyTo(destination[i..]);
                Vector.ConvertToSingle(second).CopyTo(destination[(i + quarter)..]);
                Vector.ConvertToSingle(third).CopyTo(destination[(i + 2 * quarter)..]);
                Vector.ConvertToSingle(fourth).CopyTo(destination[(i + 3 * quarter)..]);
            }
        }
        for (; i < source.Length; i++) destination[i] = source[i];
    }
}
