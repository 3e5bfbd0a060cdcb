using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Benchmarks;

/// <summary>
/// One net under test with its batch: times one forward (eval, no_grad, in a dispose scope) or one training step
/// (train mode, SGD lr 0.01 momentum 0.9, cross-entropy on the labels, zero_grad/backward/step, in a dispose scope).
/// </summary>
public sealed class BenchNet : IDisposable
{
    /// <summary>SGD learning rate of the training step.</summary>
    public const double LearningRate = 0.01;

    /// <summary>SGD momentum of the training step.</summary>
    public const double Momentum = 0.9;

    private readonly Tensor _input;
    private readonly Tensor _labels;
    private optim.Optimizer? _optimizer;

    /// <summary>Wraps <paramref name="module"/> (owned: disposed with this) and the shared batch (not owned).</summary>
    public BenchNet(string label, nn.Module<Tensor, Tensor> module, Tensor input, Tensor labels)
    {
        Label = label;
        Module = module ?? throw new ArgumentNullException(nameof(module));
        _input = input ?? throw new ArgumentNullException(nameof(input));
        _labels = labels ?? throw new ArgumentNullException(nameof(labels));
    }

    /// <summary>"CnnZoo" or "TorchVision".</summary>
    public string Label { get; }

    /// <summary>The module.</summary>
    public nn.Module<Tensor, Tensor> Module { get; }

    /// <summary>Trainable parameters.</summary>
    public long ParameterCount => Module.parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    /// <summary>The step function for <paramref name="mode"/> (Forward or Train), after putting the module in the matching mode.</summary>
    public Func<double> StepFor(BenchMode mode)
    {
        switch (mode)
        {
            case BenchMode.Forward:
                Module.eval();
                return Forward;
            case BenchMode.Train:
                Module.train();
                _optimizer ??= optim.SGD(Module.parameters(), LearningRate, Momentum);
                return TrainStep;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Forward or Train.");
        }
    }

    /// <summary>One inference forward pass; returns its milliseconds.</summary>
    public double Forward()
    {
        var watch = Stopwatch.StartNew();
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            Module.call(_input);
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>One training step; returns its milliseconds.</summary>
    public double TrainStep()
    {
        var optimizer = _optimizer ?? throw new InvalidOperationException("Call StepFor(BenchMode.Train) first.");
        var watch = Stopwatch.StartNew();
        using (var scope = NewDisposeScope())
        {
            optimizer.zero_grad();
            var logits = Module.call(_input);
            var loss = nn.functional.cross_entropy(logits, _labels);
            loss.backward();
            optimizer.step();
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>Eval-mode logits on the batch (for comparing two nets with the same weights).</summary>
    public Tensor Logits()
    {
        Module.eval();
        using var _ = no_grad();
        return Module.call(_input);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer?.Dispose();
        Module.Dispose();
    }
}
