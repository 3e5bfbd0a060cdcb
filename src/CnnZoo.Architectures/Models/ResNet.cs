using CnnZoo.Architectures.Layers;
using CnnZoo.Architectures.Export;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Models;

/// <summary>
/// ResNet-18/34/50/101/152 for ImageNet (He et al. 2015, Table 1), module names as torchvision's state_dict keys.
/// The default is v1.5 (torchvision: stride on the bottleneck's 3×3); <c>resnet50_v1</c> … put it on the first 1×1 as the
/// paper's Caffe models did, reproducing its 3.8 / 7.6 / 11.3 GFLOPs (multiply-adds). <c>resnet18_mlnet</c> is the
/// [2,2,2,3] layout whose ImageNet weights ship in ML.NET's DnnImageFeaturizer package (CnnZoo.Onnx loads them).
/// </summary>
public sealed class ResNet : CnnModel
{
    internal static readonly PaperInfo Paper = new("Deep Residual Learning for Image Recognition", "He, Zhang, Ren, Sun", 2015, "3.57% top-5 (ILSVRC-2015, ensemble)");

    /// <summary>The two block types of Table 1.</summary>
    public enum BlockKind
    {
        /// <summary>Two 3×3 convs (ResNet-18/34).</summary>
        Basic,
        /// <summary>1×1 → 3×3 → 1×1 (ResNet-50+).</summary>
        Bottleneck,
    }

    // Table 1 of the paper: (block, blocks per stage).
    private static readonly (int Depth, BlockKind Block, int[] Layers)[] Depths =
    [
        (18, BlockKind.Basic, [2, 2, 2, 2]),
        (34, BlockKind.Basic, [3, 4, 6, 3]),
        (50, BlockKind.Bottleneck, [3, 4, 6, 3]),
        (101, BlockKind.Bottleneck, [3, 4, 23, 3]),
        (152, BlockKind.Bottleneck, [3, 8, 36, 3]),
    ];

    // Layouts that ship with pretrained weights elsewhere and differ from Table 1: (registry name, block, blocks per
    // stage, description). Module names stay torchvision's, so the weights map onto the same keys.
    private static readonly (string Name, BlockKind Block, int[] Layers, string Description)[] ShippedLayouts =
    [
        // CNTK's ResNet18_ImageNet1K recipe, exported to ONNX by ML.NET's Microsoft.ML.DnnImageFeaturizer.ResNet18
        // package: stage 4 has three blocks, so a stock resnet18 cannot hold these weights.
        ("resnet18_mlnet", BlockKind.Basic, [2, 2, 2, 3],
            "ResNet-18 as ML.NET's DnnImageFeaturizer ships it: CNTK layout [2,2,2,3], ImageNet weights (CnnZoo.Onnx loads them)"),
    ];

    private readonly nn.Module<Tensor, Tensor> conv1, bn1, relu, maxpool, layer1, layer2, layer3, layer4, avgpool;
    private nn.Module<Tensor, Tensor> fc;
    private readonly int numFeatures;

    private ResNet(ModelSpec spec, ResolvedModelOptions options, BlockKind block, int[] layers, bool v1) : base(spec, options)
    {
        var expansion = block == BlockKind.Basic ? BasicBlock.Expansion : Bottleneck.Expansion;
        conv1 = nn.Conv2d(options.InChannels, 64, 7, stride: 2, padding: 3, bias: false); // N x 64 x 112 x 112
        bn1 = nn.BatchNorm2d(64);
        relu = nn.ReLU(inplace: true);
        maxpool = nn.MaxPool2d(3, 2, 1);                                                   // N x 64 x 56 x 56
        var inPlanes = 64;
        nn.Module<Tensor, Tensor> Stage(int planes, int blocks, int stride)
        {
            var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
            for (var i = 0; i < blocks; i++)
            {
                var s = i == 0 ? stride : 1;
                modules.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), block == BlockKind.Basic
                    ? new BasicBlock(inPlanes, planes, s, Shortcut.Projection)
                    : new Bottleneck(inPlanes, planes, s, strideOnFirst1x1: v1)));
                inPlanes = planes * expansion;
            }
            return nn.Sequential(modules);
        }
        layer1 = Stage(64, layers[0], 1);   // N x 64·e x 56 x 56
        layer2 = Stage(128, layers[1], 2);  // N x 128·e x 28 x 28
        layer3 = Stage(256, layers[2], 2);  // N x 256·e x 14 x 14
        layer4 = Stage(512, layers[3], 2);  // N x 512·e x 7 x 7
        avgpool = nn.AdaptiveAvgPool2d([1, 1]);
        numFeatures = 512 * expansion;
        fc = nn.Linear(numFeatures, options.NumClasses);
        RegisterComponents();
        Layers.Init.KaimingFanOut(this, linearStd: null);
    }

    /// <inheritdoc />
    public override int NumFeatures => numFeatures;

    /// <inheritdoc />
    protected override Tensor Features(Tensor input)
    {
        var x = maxpool.call(relu.call(bn1.call(conv1.call(input))));
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        return avgpool.call(x).flatten(1);
    }

    /// <inheritdoc />
    protected override Tensor Classify(Tensor features) => fc.call(features);

    internal override GraphValue DescribeFeatures(IForwardGraph graph, GraphValue input)
    {
        var x = graph.Apply(maxpool, graph.Apply(relu, graph.Apply(bn1, graph.Apply(conv1, input))));
        x = graph.Apply(layer4, graph.Apply(layer3, graph.Apply(layer2, graph.Apply(layer1, x))));
        return graph.Flatten(graph.Apply(avgpool, x));
    }

    internal override GraphValue DescribeClassify(IForwardGraph graph, GraphValue features) => graph.Apply(fc, features);

    /// <inheritdoc />
    protected override IEnumerable<string> HeadModules => [nameof(fc)];

    /// <inheritdoc />
    protected override void ReplaceClassifier(int numClasses, Device device)
    {
        fc = nn.Linear(numFeatures, numClasses, device: device);
        ReplaceModule(nameof(fc), fc);
    }

    internal static IEnumerable<ModelSpec> Specs =>
        Depths.Select(d => Entry(d, v1: false))
            .Concat(Depths.Where(d => d.Block == BlockKind.Bottleneck).Select(d => Entry(d, v1: true)))
            .Concat(ShippedLayouts.Select(l => Entry(l.Name, l.Description, l.Block, l.Layers, v1: false, torchvisionCompatible: false)));

    private static ModelSpec Entry((int Depth, BlockKind Block, int[] Layers) row, bool v1) => Entry(
        $"resnet{row.Depth}{(v1 ? "_v1" : "")}",
        $"ResNet-{row.Depth} ({row.Block} blocks {string.Join("-", row.Layers)})" + (row.Block == BlockKind.Basic ? "" : v1
            ? ", v1: stride on the first 1×1 as in the paper"
            : ", v1.5: stride on the 3×3 as in torchvision"),
        row.Block, row.Layers, v1, torchvisionCompatible: !v1);

    private static ModelSpec Entry(string name, string description, BlockKind block, int[] layers, bool v1, bool torchvisionCompatible) => new()
    {
        Name = name, Family = "ResNet", Paper = Paper, Description = description,
        CanonicalInputSize = 224, TorchvisionCompatible = torchvisionCompatible, TrainingRecipe = TrainingRecipes.ResNet,
        InputConstraintFor = _ => InputConstraint.AtLeast(1),
        Build = (spec, options) => new ResNet(spec, options, block, layers, v1),
    };
}
