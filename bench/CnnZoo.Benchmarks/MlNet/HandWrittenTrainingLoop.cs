using System.Diagnostics;
using CnnZoo.Architectures;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>
/// The baseline the trainer is measured against: the loop a TorchSharp user writes by hand for the same net
/// (<c>ModelZoo.Create</c>), data (already float tensors in memory), batch and optimiser. Per epoch one <c>randperm</c>;
/// per batch, in one dispose scope: gather the images and labels, <c>(x − mean) / std</c> (the normalisation the
/// trainer's model does), forward, <c>cross_entropy</c>, <c>zero_grad</c>, <c>backward</c>, SGD <c>step</c>. Like the
/// trainer it skips a trailing batch of one image. In channels-last it converts the weights once and each normalised
/// batch with <c>ChannelsLast.Of</c>, as a TorchSharp user who knows the layout would.
/// </summary>
public sealed class HandWrittenTrainingLoop : IDisposable
{
    private readonly BenchDataset _data;
    private readonly int _batch;
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor _mean;
    private readonly Tensor _std;
    private readonly Generator _generator;
    private readonly bool _channelsLast;

    /// <summary>Builds the net (seeded with <paramref name="seed"/>) and an SGD optimiser over its parameters.</summary>
    public HandWrittenTrainingLoop(string architecture, BenchDataset data, int batch, double learningRate, double momentum, int seed, MemoryLayout layout = MemoryLayout.ChannelsFirst)
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
        _batch = batch;
        random.manual_seed(seed);
        var model = ModelZoo.Create(architecture, new ModelOptions { NumClasses = data.Classes, InChannels = data.Channels, InputSize = data.Size });
        _channelsLast = model.UseLayout(layout) == MemoryLayout.ChannelsLast;
        _model = model;
        _model.train();
        _optimizer = optim.SGD(_model.parameters(), learningRate, momentum);
        _mean = tensor(data.Mean).view(1, data.Channels, 1, 1).DetachFromDisposeScope();
        _std = tensor(data.Std).view(1, data.Channels, 1, 1).DetachFromDisposeScope();
        _generator = new Generator((ulong)seed);
    }

    /// <summary>Images one epoch trains on (a trailing batch of one is skipped, as the trainer does).</summary>
    public int ImagesPerEpoch => _data.Count % _batch == 1 && _batch > 1 ? _data.Count - 1 : _data.Count;

    /// <summary>One shuffled pass over the data; returns its milliseconds.</summary>
    public double Epoch()
    {
        var watch = Stopwatch.StartNew();
        var count = _data.Count;
        using var order = randperm(count, generator: _generator);
        for (var start = 0; start < count; start += _batch)
        {
            var n = Math.Min(_batch, count - start);
            if (n == 1 && _batch > 1) continue;
            using var scope = NewDisposeScope();
            var indices = order.narrow(0, start, n);
            var images = _data.Images.index_select(0, indices).sub_(_mean).div_(_std);
            if (_channelsLast) images = CnnZoo.Architectures.Inference.ChannelsLast.Of(images);
            var labels = _data.Labels.index_select(0, indices);
            _optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(_model.call(images), labels);
            loss.backward();
            _optimizer.step();
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>Frees the net, the optimiser and the constants.</summary>
    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _mean.Dispose();
        _std.Dispose();
        _generator.Dispose();
    }
}
