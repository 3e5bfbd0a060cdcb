using CnnZoo.Architectures.Layers;
using CnnZoo.Architectures.Export;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Models;

/// <summary>
/// The CIFAR-10 networks of He et al. 2015, §4.2: a 3×3 conv with 16 filters, then 3 stages of n basic blocks on
/// 32×32 / 16×16 / 8×8 maps with 16 / 32 / 64 filters, global average pool, 10-way FC: 6n+2 layers.
/// <c>resnetN_cifar</c> use option-A (parameter-free, zero-padding) shortcuts; <c>plainN_cifar</c> are the same
/// stacks without shortcuts, for the degradation experiment (Fig. 6).
/// </summary>
public sealed class CifarResNet : CnnModel
{
    private static readonly int[] ResidualDepths = [20, 32, 44, 56, 110, 1202];
    private static readonly int[] PlainDepths = [20, 32, 44, 56];

    // Table 6 of the paper (CIFAR-10 test error, %).
    private static readonly Dictionary<int, double> ReportedError = new() { [20] = 8.75, [32] = 7.51, [44] = 7.17, [56] = 6.97, [110] = 6.43, [1202] = 7.93 };

    private readonly nn.Module<Tensor, Tensor> conv1, bn1, relu, layer1, layer2, layer3, avgpool;
    private nn.Module<Tensor, Tensor> fc;

    private CifarResNet(ModelSpec spec, ResolvedModelOptions options, int depth, Shortcut shortcut) : base(spec, options)
    {
        var n = (depth - 2) / 6;
        conv1 = nn.Conv2d(options.InChannels, 16, 3, padding: 1, bias: false); // N x 16 x 32 x 32
        bn1 = nn.BatchNorm2d(16);
        relu = nn.ReLU(inplace: true);
        var inPlanes = 16;
        nn.Module<Tensor, Tensor> Stage(int planes, int stride)
        {
            var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
            for (var i = 0; i < n; i++)
            {
                blocks.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), new BasicBlock(inPlanes, planes, i == 0 ? stride : 1, shortcut)));
                inPlanes = planes;
            }
            return nn.Sequential(blocks);
        }
        layer1 = Stage(16, 1);  // N x 16 x 32 x 32
        layer2 = Stage(32, 2);  // N x 32 x 16 x 16
        layer3 = Stage(64, 2);  // N x 64 x 8 x 8
        avgpool = nn.AdaptiveAvgPool2d([1, 1]);
        fc = nn.Linear(64, options.NumClasses);
        RegisterComponents();
        Layers.Init.KaimingFanOut(this, linearStd: null); // the paper initialises as in its ref. [13] (He init)
    }

    /// <inheritdoc />
    public override int NumFeatures => 64;

    /// <inheritdoc />
    protected override IEnumerable<string> HeadModules => [nameof(fc)];

    /// <inheritdoc />
    protected override Tensor Features(Tensor input)
    {
        var x = relu.call(bn1.call(conv1.call(input)));
        x = layer3.call(layer2.call(layer1.call(x)));
        return avgpool.call(x).flatten(1);
    }

    /// <inheritdoc />
    protected override Tensor Classify(Tensor features) => fc.call(features);

    internal override GraphValue DescribeFeatures(IForwardGraph graph, GraphValue input)
    {
        var x = graph.Apply(relu, graph.Apply(bn1, graph.Apply(conv1, input)));
        x = graph.Apply(layer3, graph.Apply(layer2, graph.Apply(layer1, x)));
        return graph.Flatten(graph.Apply(avgpool, x));
    }

    internal override GraphValue DescribeClassify(IForwardGraph graph, GraphValue features) => graph.Apply(fc, features);

    /// <inheritdoc />
    protected override void ReplaceClassifier(int numClasses, Device device)
    {
        fc = nn.Linear(64, numClasses, device: device);
        ReplaceModule(nameof(fc), fc);
    }

    internal static IEnumerable<ModelSpec> Specs =>
        ResidualDepths.Select(d => Entry(d, Shortcut.ZeroPad)).Concat(PlainDepths.Select(d => Entry(d, Shortcut.None)));

    private static ModelSpec Entry(int depth, Shortcut shortcut) => new()
    {
        Name = $"{(shortcut == Shortcut.None ? "plain" : "resnet")}{depth}_cifar", Family = "ResNet (CIFAR)",
        Paper = ResNet.Paper with { ReportedError = shortcut == Shortcut.None ? null : $"{ReportedError[depth]}% CIFAR-10 test error (Table 6)" },
        Description = shortcut == Shortcut.None
            ? $"Plain {depth}-layer CIFAR net (no shortcuts), the degradation experiment's baseline"
            : $"ResNet-{depth} for CIFAR-10 (n={(depth - 2) / 6}, option-A shortcuts)",
        CanonicalInputSize = 32, DefaultNumClasses = 10,
        TrainingRecipe = TrainingRecipes.ResNetCifar, // the plain nets too: the degradation experiment trains both alike
        InputConstraintFor = _ => InputConstraint.AtLeast(1),
        Build = (spec, options) => new CifarResNet(spec, options, depth, shortcut),
    };
}
