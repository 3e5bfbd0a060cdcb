using System.Globalization;
using System.Text;
using CnnZoo.Architectures.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Analysis;

/// <summary>
/// Per-layer output shapes, activations, weights, biases and MACs of a real module, measured by running one image
/// through it with forward hooks on every leaf module (nothing comes from hand-written tables). Rows are in execution order.
/// </summary>
public sealed class ModelSummary
{
    private ModelSummary(string title, long[] inputShape, IReadOnlyList<LayerRow> layers, long totalParameters, long fixedWeights)
        => (Title, InputShape, Layers, TotalParameters, FixedWeights) = (title, inputShape, layers, totalParameters, fixedWeights);

    /// <summary>Model name (or module type).</summary>
    public string Title { get; }
    /// <summary>Per-image input shape [C, H, W].</summary>
    public long[] InputShape { get; }
    /// <summary>Every leaf module call, in execution order.</summary>
    public IReadOnlyList<LayerRow> Layers { get; }
    /// <summary>Trainable parameters of the whole module (all of <c>parameters()</c>, including layers the forward did not run, such as idle aux heads).</summary>
    public long TotalParameters { get; }
    /// <summary>Fixed (non-trainable) weights held as buffers, e.g. LeNet-5's 840 RBF prototype values; BN running statistics are not counted.</summary>
    public long FixedWeights { get; }
    /// <summary>Multiply-accumulates per image over all rows. FLOPs = 2 × MACs.</summary>
    public long TotalMacs => Layers.Sum(r => r.Macs);
    /// <summary>Values held per image in the lecture's accounting: the input plus every conv, pool and FC output (see <see cref="LayerRow.IsActivationMap"/>).</summary>
    public long TotalActivations => InputShape.Aggregate(1L, (a, b) => a * b) + Layers.Where(r => r.IsActivationMap).Sum(r => r.Activations);
    /// <summary>Forward activation memory per image at float32, bytes.</summary>
    public long ActivationBytes => TotalActivations * sizeof(float);

    /// <summary>Summarises a zoo model at the given per-image input shape [C, H, W]; <paramref name="includeAux"/> runs its auxiliary heads (GoogLeNet's) too.</summary>
    public static ModelSummary Of(CnnModel model, long[] inputShape, bool includeAux = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (includeAux && !model.HasAuxClassifiers)
            throw new ArgumentException($"'{model.Spec.Name}' has no auxiliary classifiers to include.", nameof(includeAux));
        return Measure(model, model.Spec.Name, inputShape, x => includeAux ? model.ForwardWithAux(x).Logits : model.call(x));
    }

    /// <summary>Summarises a zoo model at its own input size (canonical unless built otherwise).</summary>
    public static ModelSummary Of(CnnModel model) => Of(model, [model.Options.InChannels, model.Options.InputSize, model.Options.InputSize]);

    /// <summary>Summarises any module (e.g. a single inception block) at the given per-image input shape [C, H, W].</summary>
    public static ModelSummary Of(nn.Module<Tensor, Tensor> module, long[] inputShape, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Measure(module, title ?? module.GetName(), inputShape, module.call);
    }

    private static ModelSummary Measure(nn.Module<Tensor, Tensor> root, string title, long[] inputShape, Func<Tensor, Tensor> run)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length != 3 || inputShape.Any(d => d < 1))
            throw new ArgumentException($"inputShape must be [C, H, W] with positive sides; got [{string.Join(", ", inputShape)}].", nameof(inputShape));

        var rows = new List<LayerRow>();
        var removers = new List<Action>();
        foreach (var (name, module) in root.named_modules())
        {
            if (module.children().Any() || module is not nn.Module<Tensor, Tensor> leaf) continue;
            var hook = leaf.register_forward_hook((m, input, output) =>
            {
                rows.Add(Row(name, m, input.shape[1..], output.shape[1..]));
                return output;
            });
            removers.Add(hook.remove);
        }

        var wasTraining = root.training;
        root.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var device = root.parameters().Select(p => p.device).FirstOrDefault() ?? CPU;
            run(zeros([1, .. inputShape], device: device));
        }
        finally
        {
            removers.ForEach(remove => remove());
            root.train(wasTraining);
        }

        var trainable = root.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        var fixedWeights = root.named_buffers().Where(b => !IsRunningStatistic(b.name)).Sum(b => b.buffer.numel());
        return new ModelSummary(title, inputShape, rows, trainable, fixedWeights);
    }

    private static bool IsRunningStatistic(string name) => name.EndsWith("running_mean", StringComparison.Ordinal)
        || name.EndsWith("running_var", StringComparison.Ordinal) || name.EndsWith("num_batches_tracked", StringComparison.Ordinal);

    private static LayerRow Row(string name, nn.Module module, long[] inputShape, long[] outputShape)
    {
        long weights = 0, biases = 0;
        foreach (var (paramName, p) in module.named_parameters(recurse: false))
        {
            if (!p.requires_grad) continue;
            if (paramName == "bias") biases += p.numel(); else weights += p.numel();
        }
        var perImageOutput = outputShape.Aggregate(1L, (a, b) => a * b);
        var (kind, macs, kernel, stride) = module switch
        {
            ICountsMacs counted => (module is Subsampling ? LayerKind.Pool : module is EuclideanRbf ? LayerKind.Linear : LayerKind.Conv,
                counted.MacsPerImage([1, .. outputShape]), module is ConnectionTableConv ? 5 : module is Subsampling ? 2 : (int?)null, module is Subsampling ? 2 : (int?)null),
            TorchSharp.Modules.Conv2d conv => (LayerKind.Conv, perImageOutput * conv.weight.shape[1] * conv.weight.shape[2] * conv.weight.shape[3],
                (int)conv.kernel_size[0], (int)conv.stride[0]),
            TorchSharp.Modules.Linear linear => (LayerKind.Linear, linear.weight.numel(), null, null),
            TorchSharp.Modules.MaxPool2d pool => (LayerKind.Pool, 0L, (int)pool.kernel_size[0], (int)(pool.stride?[0] ?? pool.kernel_size[0])),
            TorchSharp.Modules.AvgPool2d pool => (LayerKind.Pool, 0L, (int)pool.kernel_size[0], (int)(pool.stride?[0] ?? pool.kernel_size[0])),
            TorchSharp.Modules.AdaptiveAvgPool2d or TorchSharp.Modules.AdaptiveMaxPool2d => (LayerKind.Pool, 0L, (int?)null, (int?)null),
            TorchSharp.Modules.BatchNorm2d or TorchSharp.Modules.LocalResponseNorm => (LayerKind.Norm, 0L, null, null),
            TorchSharp.Modules.ReLU or TorchSharp.Modules.Tanh or ScaledTanh => (LayerKind.Activation, 0L, null, null),
            TorchSharp.Modules.Dropout => (LayerKind.Dropout, 0L, null, null),
            _ => (LayerKind.Other, 0L, null, null),
        };
        return new LayerRow(name, module.GetType().Name, kind, inputShape, outputShape, weights, biases, macs, kernel, stride);
    }

    /// <summary>The table as text: one line per row, then totals (params, MACs, activations and their float32 memory).</summary>
    public string ToText(bool compact = false)
    {
        var shown = compact ? Layers.Where(r => r.IsActivationMap || r.Parameters > 0).ToList() : Layers.ToList();
        var culture = CultureInfo.InvariantCulture;
        var nameWidth = Math.Max(5, shown.Select(r => r.Name.Length).DefaultIfEmpty(0).Max());
        var sb = new StringBuilder();
        sb.AppendLine(culture, $"{Title}  input {string.Join("x", InputShape)}");
        sb.AppendLine(culture, $"{"layer".PadRight(nameWidth)}  {"type",-18} {"output",-14} {"activations",12} {"weights",12} {"biases",8} {"MACs",15}");
        sb.AppendLine(new string('-', nameWidth + 86));
        foreach (var r in shown)
            sb.AppendLine(culture, $"{r.Name.PadRight(nameWidth)}  {r.Type,-18} {r.ShapeText,-14} {r.Activations,12:N0} {r.Weights,12:N0} {r.Biases,8:N0} {r.Macs,15:N0}");
        sb.AppendLine(new string('-', nameWidth + 86));
        sb.AppendLine(culture, $"trainable parameters {TotalParameters:N0}{(FixedWeights > 0 ? $" (+{FixedWeights:N0} fixed)" : "")}");
        sb.AppendLine(culture, $"MACs per image       {TotalMacs:N0} ({TotalMacs / 1e9:0.###} G; FLOPs = 2 x MACs)");
        sb.AppendLine(culture, $"activations / image  {TotalActivations:N0} ({ActivationBytes / 1048576.0:0.#} MiB at float32, forward only)");
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToText();
}
