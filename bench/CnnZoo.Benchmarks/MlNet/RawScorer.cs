using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>
/// The scoring baseline: the trained net's own module called directly on images already in a tensor, in eval mode under
/// <c>no_grad</c>, per batch: <c>(x − mean) / std</c>, forward, softmax, and the probabilities copied into a managed
/// array (what a caller needs to use them) — the work the transformer does per batch, without ML.NET around it.
/// </summary>
public sealed class RawScorer : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly BenchDataset _data;
    private readonly Tensor _mean;
    private readonly Tensor _std;

    /// <summary>Scores with <paramref name="model"/> (not owned; put in eval mode here) the images of <paramref name="data"/>.</summary>
    public RawScorer(nn.Module<Tensor, Tensor> model, BenchDataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        (_model, _data) = (model, data);
        _model.eval();
        _mean = tensor(data.Mean).view(1, data.Channels, 1, 1).DetachFromDisposeScope();
        _std = tensor(data.Std).view(1, data.Channels, 1, 1).DetachFromDisposeScope();
    }

    /// <summary>Scores the first <paramref name="rows"/> images in batches of <paramref name="batch"/>; returns the milliseconds.</summary>
    public double ScoreAll(int rows, int batch)
    {
        var watch = Stopwatch.StartNew();
        var checksum = 0f;
        using (no_grad())
        {
            for (var start = 0; start < rows; start += batch)
            {
                using var scope = NewDisposeScope();
                checksum += Probabilities(_data.Images.narrow(0, start, Math.Min(batch, rows - start)))[0];
            }
        }
        GC.KeepAlive(checksum);
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>One image (planar C·H·W floats, raw scale) scored alone; returns the milliseconds.</summary>
    public double ScoreOne(float[] pixels)
    {
        var watch = Stopwatch.StartNew();
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            GC.KeepAlive(Probabilities(tensor(pixels, [1, _data.Channels, _data.Size, _data.Size])));
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    private float[] Probabilities(Tensor images)
        => nn.functional.softmax(_model.call(images.sub(_mean).div_(_std)), 1).data<float>().ToArray();

    /// <summary>Frees the normalisation constants (not the model).</summary>
    public void Dispose()
    {
        _mean.Dispose();
        _std.Dispose();
    }
}
