using System.Numerics;

namespace CnnZoo.MLNet.Data;

/// <summary>
/// Accumulates per-channel sums over images (planar CHW) in float64, or exactly in integers for 8-bit pixels,
/// and turns them into <see cref="ChannelStatistics"/>. A streaming source can feed it during one pass.
/// Not thread-safe; combine per-thread accumulators with <see cref="Merge"/> (in a fixed order for reproducible sums).
/// </summary>
public sealed class ChannelStatisticsAccumulator
{
    private readonly ImageShape _shape;
    private readonly long[] _byteSum, _byteSquareSum;
    private readonly double[] _sum, _squareSum;
    private long _images;

    /// <summary>Creates an empty accumulator for images of the given shape.</summary>
    public ChannelStatisticsAccumulator(ImageShape shape)
    {
        shape.Validate(nameof(shape));
        _shape = shape;
        _byteSum = new long[shape.Channels];
        _byteSquareSum = new long[shape.Channels];
        _sum = new double[shape.Channels];
        _squareSum = new double[shape.Channels];
    }

    /// <summary>Images added so far.</summary>
    public long ImageCount => _images;

    /// <summary>Adds one 8-bit image, planar CHW.</summary>
    public void Add(ReadOnlySpan<byte> image) => Accumulate(image, _byteSum, _byteSquareSum);

    /// <summary>Adds one float image, planar CHW.</summary>
    public void Add(ReadOnlySpan<float> image) => Accumulate(image, _sum, _squareSum);

    /// <summary>Adds everything <paramref name="other"/> has accumulated.</summary>
    /// <exception cref="ArgumentException">The image shapes differ.</exception>
    public void Merge(ChannelStatisticsAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._shape != _shape) throw new ArgumentException($"Cannot merge statistics of {other._shape} images into {_shape}.", nameof(other));
        for (var c = 0; c < _shape.Channels; c++)
        {
            _byteSum[c] += other._byteSum[c];
            _byteSquareSum[c] += other._byteSquareSum[c];
            _sum[c] += other._sum[c];
            _squareSum[c] += other._squareSum[c];
        }
        _images += other._images;
    }

    /// <summary>Mean and population standard deviation per channel.</summary>
    /// <exception cref="InvalidOperationException">No image was added.</exception>
    public ChannelStatistics ToStatistics()
    {
        if (_images == 0) throw new InvalidOperationException("Channel statistics need at least one image.");
        var values = (double)_images * _shape.Height * _shape.Width;
        var mean = new double[_shape.Channels];
        var std = new double[_shape.Channels];
        for (var c = 0; c < _shape.Channels; c++)
        {
            var sum = _byteSum[c] + _sum[c];
            var squares = _byteSquareSum[c] + _squareSum[c];
            mean[c] = sum / values;
            // Rounding can push E[x²] − mean² a hair below zero for a constant channel.
            std[c] = Math.Sqrt(Math.Max(0, squares / values - mean[c] * mean[c]));
        }
        return new ChannelStatistics(mean, std);
    }

    /// <summary>Adds an image's per-channel sums to <paramref name="sums"/> and <paramref name="squareSums"/>, each value widened to <typeparamref name="TSum"/> first.</summary>
    private void Accumulate<TPixel, TSum>(ReadOnlySpan<TPixel> image, TSum[] sums, TSum[] squareSums)
        where TPixel : INumberBase<TPixel>
        where TSum : INumber<TSum>
    {
        var plane = CheckLength(image.Length);
        for (var c = 0; c < _shape.Channels; c++)
        {
            TSum sum = TSum.Zero, squares = TSum.Zero;
            foreach (var pixel in image.Slice(c * plane, plane))
            {
                var value = TSum.CreateTruncating(pixel);
                sum += value;
                squares += value * value;
            }
            sums[c] += sum;
            squareSums[c] += squares;
        }
        _images++;
    }

    private int CheckLength(int length)
    {
        if (length != _shape.ElementCount)
            throw new ArgumentException($"An image of shape {_shape} has {_shape.ElementCount} values; got {length}.");
        return _shape.Height * _shape.Width;
    }
}
