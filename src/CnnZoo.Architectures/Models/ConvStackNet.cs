using CnnZoo.Architectures.Layers;
using CnnZoo.Architectures.Export;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Models;

/// <summary>Where the classifier's dropout sits: before each hidden FC (torchvision's AlexNet) or after its ReLU (the papers, VGG).</summary>
public enum DropoutPlacement
{
    /// <summary>Dropout → Linear → ReLU (torchvision <c>alexnet</c>: classifier.{1,4,6}).</summary>
    BeforeHidden,
    /// <summary>Linear → ReLU → Dropout (AlexNet/ZFNet papers, VGG: classifier.{0,3,6}).</summary>
    AfterHidden,
}

/// <summary>A plain "conv stack + three FC" network: the table row of AlexNet, ZFNet and VGG variants.</summary>
/// <param name="Features">The conv stack, module by module (indices become <c>features.i</c>).</param>
/// <param name="AdaptivePoolSize">torchvision's <c>AdaptiveAvgPool2d</c> side (6 AlexNet, 7 VGG); null for the papers' fixed-size classifier.</param>
/// <param name="Dropout">Where the classifier's dropout sits.</param>
/// <param name="Hidden">Width of fc6/fc7.</param>
public sealed record ConvStackLayout(IReadOnlyList<StackOp> Features, int? AdaptivePoolSize, DropoutPlacement Dropout, int Hidden = 4096)
{
    /// <summary>Accepted inputs: the stack's minimum; exactly the built size when the classifier is sized for it.</summary>
    public InputConstraint ConstraintFor(ResolvedModelOptions options)
    {
        var min = FeatureStack.MinInputSize(Features);
        return AdaptivePoolSize is null ? new InputConstraint(min, Math.Max(options.InputSize, min)) : InputConstraint.AtLeast(min);
    }
}

/// <summary>
/// features → [avgpool] → flatten → classifier, with state_dict names <c>features.i</c>, <c>classifier.i</c> as torchvision.
/// <see cref="CnnModel.ForwardFeatures"/> returns the fc7 activations (4096), the classic "DeCAF" transfer features.
/// </summary>
public abstract class ConvStackNet : CnnModel
{
    private readonly nn.Module<Tensor, Tensor> features;
    private readonly nn.Module<Tensor, Tensor>? avgpool;
    private nn.Module<Tensor, Tensor> classifier;
    private readonly nn.Module<Tensor, Tensor>[] classifierLayers; // same modules as `classifier`, indexable (arrays are not registered)
    private readonly int hidden;

    /// <summary>Builds the layout for the options; derived constructors then initialise weights.</summary>
    protected ConvStackNet(ModelSpec spec, ResolvedModelOptions options, ConvStackLayout layout) : base(spec, options)
    {
        hidden = layout.Hidden;
        features = FeatureStack.Build(layout.Features, options.InChannels);
        var (channels, size) = FeatureStack.Trace(layout.Features, options.InChannels, options.InputSize);
        if (layout.AdaptivePoolSize is int pooled)
        {
            avgpool = nn.AdaptiveAvgPool2d([pooled, pooled]);
            size = pooled;
        }
        var flat = channels * size * size;
        var p = options.Dropout;
        classifierLayers = layout.Dropout == DropoutPlacement.BeforeHidden
            ? [nn.Dropout(p), nn.Linear(flat, hidden), nn.ReLU(inplace: true), nn.Dropout(p), nn.Linear(hidden, hidden), nn.ReLU(inplace: true), nn.Linear(hidden, options.NumClasses)]
            : [nn.Linear(flat, hidden), nn.ReLU(inplace: true), nn.Dropout(p), nn.Linear(hidden, hidden), nn.ReLU(inplace: true), nn.Dropout(p), nn.Linear(hidden, options.NumClasses)];
        classifier = Indexed(classifierLayers);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int NumFeatures => hidden;

    /// <inheritdoc />
    protected override Tensor Features(Tensor input)
    {
        var x = features.call(input);
        if (avgpool is not null) x = avgpool.call(x);
        x = x.flatten(1);
        for (var i = 0; i < classifierLayers.Length - 1; i++) x = classifierLayers[i].call(x);
        return x;
    }

    /// <inheritdoc />
    protected override Tensor Classify(Tensor features) => classifierLayers[^1].call(features);

    internal override GraphValue DescribeFeatures(IForwardGraph graph, GraphValue input)
    {
        var x = graph.Apply(features, input);
        if (avgpool is not null) x = graph.Apply(avgpool, x);
        x = graph.Flatten(x);
        for (var i = 0; i < classifierLayers.Length - 1; i++) x = graph.Apply(classifierLayers[i], x);
        return x;
    }

    internal override GraphValue DescribeClassify(IForwardGraph graph, GraphValue features) => graph.Apply(classifierLayers[^1], features);

    /// <inheritdoc />
    protected override IEnumerable<string> HeadModules => [$"{nameof(classifier)}.{classifierLayers.Length - 1}"];

    /// <inheritdoc />
    protected override void ReplaceClassifier(int numClasses, Device device)
    {
        classifierLayers[^1] = nn.Linear(hidden, numClasses, device: device);
        classifier = Indexed(classifierLayers);
        ReplaceModule(nameof(classifier), classifier);
    }

    private static nn.Module<Tensor, Tensor> Indexed(nn.Module<Tensor, Tensor>[] layers) =>
        nn.Sequential(layers.Select((m, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), m)));
}
