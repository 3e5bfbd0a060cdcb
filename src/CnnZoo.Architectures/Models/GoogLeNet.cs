using TorchSharp;
using CnnZoo.Architectures.Layers;
using CnnZoo.Architectures.Export;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Models;

/// <summary>
/// GoogLeNet / Inception v1 (Szegedy et al. 2015). <c>googlenet</c> is torchvision's layout (BN, 3×3 in the "5×5" branch,
/// no LRN, 2×2 maxpool4, dropout 0.2; keys as torchvision); <c>googlenet_paper</c> follows the paper (conv biases, true
/// 5×5, LRN after the stem, 3×3 maxpool4, dropout 0.4). Both can build the two auxiliary classifiers, used by
/// <see cref="CnnModel.ForwardWithAux"/> for the 0.3-weighted training losses (<see cref="CnnModel.AuxiliaryLossWeights"/>).
/// </summary>
public sealed class GoogLeNet : CnnModel
{
    internal static readonly PaperInfo Paper = new("Going Deeper with Convolutions", "Szegedy et al.", 2015, "6.67% top-5 (ILSVRC-2014)");

    /// <summary>Weight of each auxiliary loss in training (paper, §5).</summary>
    public const double AuxLossWeight = 0.3;

    private static readonly double[] AuxHeadWeights = [AuxLossWeight, AuxLossWeight];

    // Table 1 of the paper: #1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj.
    private static readonly Dictionary<string, InceptionConfig> Table = new()
    {
        ["3a"] = new(64, 96, 128, 16, 32, 32),
        ["3b"] = new(128, 128, 192, 32, 96, 64),
        ["4a"] = new(192, 96, 208, 16, 48, 64),
        ["4b"] = new(160, 112, 224, 24, 64, 64),
        ["4c"] = new(128, 128, 256, 24, 64, 64),
        ["4d"] = new(112, 144, 288, 32, 64, 64),
        ["4e"] = new(256, 160, 320, 32, 128, 128),
        ["5a"] = new(256, 160, 320, 32, 128, 128),
        ["5b"] = new(384, 192, 384, 48, 128, 128),
    };

    private readonly nn.Module<Tensor, Tensor> conv1, maxpool1, conv2, conv3, maxpool2;
    private readonly nn.Module<Tensor, Tensor>? lrn1, lrn2;
    private readonly nn.Module<Tensor, Tensor> inception3a, inception3b, maxpool3;
    private readonly nn.Module<Tensor, Tensor> inception4a, inception4b, inception4c, inception4d, inception4e, maxpool4;
    private readonly nn.Module<Tensor, Tensor> inception5a, inception5b;
    private nn.Module<Tensor, Tensor>? aux1, aux2;
    private readonly nn.Module<Tensor, Tensor> avgpool, dropout;
    private nn.Module<Tensor, Tensor> fc;
    private readonly bool paper;

    private GoogLeNet(ModelSpec spec, ResolvedModelOptions options, bool paper) : base(spec, options)
    {
        this.paper = paper;
        var bn = !paper;
        var k5 = paper ? 5 : 3;
        conv1 = new ConvUnit(options.InChannels, 64, 7, stride: 2, padding: 3, batchNorm: bn); // N x 64 x 112 x 112
        maxpool1 = nn.MaxPool2d(3, 2, ceil_mode: true);                                        // N x 64 x 56 x 56
        if (paper) lrn1 = Lrn.GoogLeNet();
        conv2 = new ConvUnit(64, 64, 1, batchNorm: bn);
        conv3 = new ConvUnit(64, 192, 3, padding: 1, batchNorm: bn);                           // N x 192 x 56 x 56
        if (paper) lrn2 = Lrn.GoogLeNet();
        maxpool2 = nn.MaxPool2d(3, 2, ceil_mode: true);                                        // N x 192 x 28 x 28
        var channels = 192;
        Inception Module(string row)
        {
            var module = new Inception(channels, Table[row], bn, k5);
            channels = Table[row].OutputChannels(channels);
            return module;
        }
        inception3a = Module("3a");                                                            // N x 256 x 28 x 28
        inception3b = Module("3b");                                                            // N x 480 x 28 x 28
        maxpool3 = nn.MaxPool2d(3, 2, ceil_mode: true);                                        // N x 480 x 14 x 14
        inception4a = Module("4a");                                                            // N x 512 x 14 x 14
        inception4b = Module("4b");
        inception4c = Module("4c");
        inception4d = Module("4d");                                                            // N x 528 x 14 x 14
        inception4e = Module("4e");                                                            // N x 832 x 14 x 14
        maxpool4 = paper ? nn.MaxPool2d(3, 2, ceil_mode: true) : nn.MaxPool2d(2, 2, ceil_mode: true); // N x 832 x 7 x 7
        inception5a = Module("5a");
        inception5b = Module("5b");                                                            // N x 1024 x 7 x 7
        if (options.AuxClassifiers)
        {
            aux1 = new InceptionAux(512, options.NumClasses, bn, paperPool: paper);
            aux2 = new InceptionAux(528, options.NumClasses, bn, paperPool: paper);
        }
        avgpool = nn.AdaptiveAvgPool2d([1, 1]);                                                // = the paper's 7×7/1 average pool at 224
        dropout = nn.Dropout(options.Dropout);
        fc = nn.Linear(1024, options.NumClasses);
        RegisterComponents();
        Initialise();
    }

    /// <inheritdoc />
    public override IReadOnlyList<double> AuxiliaryLossWeights => aux1 is null ? [] : AuxHeadWeights;

    /// <inheritdoc />
    public override int NumFeatures => 1024;

    /// <inheritdoc />
    /// <remarks>The two auxiliary logits come from heads on 4a and 4d, for the loss <c>L(main) + 0.3·(L(aux1) + L(aux2))</c>.</remarks>
    protected override (Tensor Features, IReadOnlyList<Tensor> Auxiliary) FeaturesWithAux(Tensor input)
    {
        var (features, a1, a2) = Trunk(input, withAux: true);
        return (features, [a1!, a2!]);
    }

    /// <inheritdoc />
    protected override Tensor Features(Tensor input) => Trunk(input, withAux: false).Features;

    private (Tensor Features, Tensor? Aux1, Tensor? Aux2) Trunk(Tensor input, bool withAux)
    {
        var x = maxpool1.call(conv1.call(input));
        if (lrn1 is not null) x = lrn1.call(x);
        x = conv3.call(conv2.call(x));
        if (lrn2 is not null) x = lrn2.call(x);
        x = maxpool3.call(inception3b.call(inception3a.call(maxpool2.call(x))));
        x = inception4a.call(x);
        var a1 = withAux ? aux1!.call(x) : null;
        x = inception4d.call(inception4c.call(inception4b.call(x)));
        var a2 = withAux ? aux2!.call(x) : null;
        x = maxpool4.call(inception4e.call(x));
        x = inception5b.call(inception5a.call(x));
        return (avgpool.call(x).flatten(1), a1, a2);
    }

    /// <inheritdoc />
    protected override Tensor Classify(Tensor features) => fc.call(dropout.call(features));

    /// <remarks>The eval-mode logits path only: the auxiliary heads are training losses and are not exported.</remarks>
    internal override GraphValue DescribeFeatures(IForwardGraph graph, GraphValue input)
    {
        var x = graph.Apply(maxpool1, graph.Apply(conv1, input));
        if (lrn1 is not null) x = graph.Apply(lrn1, x);
        x = graph.Apply(conv3, graph.Apply(conv2, x));
        if (lrn2 is not null) x = graph.Apply(lrn2, x);
        x = graph.Apply(maxpool3, graph.Apply(inception3b, graph.Apply(inception3a, graph.Apply(maxpool2, x))));
        x = graph.Apply(inception4d, graph.Apply(inception4c, graph.Apply(inception4b, graph.Apply(inception4a, x))));
        x = graph.Apply(maxpool4, graph.Apply(inception4e, x));
        x = graph.Apply(inception5b, graph.Apply(inception5a, x));
        return graph.Flatten(graph.Apply(avgpool, x));
    }

    internal override GraphValue DescribeClassify(IForwardGraph graph, GraphValue features) => graph.Apply(fc, graph.Apply(dropout, features));

    /// <inheritdoc />
    protected override IEnumerable<string> HeadModules => aux1 is null ? [nameof(fc)] : [nameof(fc), nameof(aux1), nameof(aux2)];

    /// <inheritdoc />
    protected override void ReplaceClassifier(int numClasses, Device device)
    {
        fc = nn.Linear(1024, numClasses, device: device);
        ReplaceModule(nameof(fc), fc);
        if (aux1 is null) return;
        aux1 = new InceptionAux(512, numClasses, !paper, paper).to(device);
        aux2 = new InceptionAux(528, numClasses, !paper, paper).to(device);
        ReplaceModule(nameof(aux1), aux1);
        ReplaceModule(nameof(aux2), aux2);
    }

    /// <summary>torchvision: truncated N(0, 0.01) for convs and linears, BN 1/0. Paper (as the reference Caffe model): Xavier, biases 0.2.</summary>
    private void Initialise()
    {
        using var _ = no_grad();
        foreach (var (_, module) in named_modules())
        {
            var (weight, bias) = module switch
            {
                TorchSharp.Modules.Conv2d c => (c.weight, c.bias),
                TorchSharp.Modules.Linear l => (l.weight, l.bias),
                _ => (null, null),
            };
            if (weight is null) continue;
            if (paper)
            {
                nn.init.xavier_uniform_(weight);
                if (bias is not null) nn.init.constant_(bias, 0.2);
            }
            else
            {
                // torchvision's trunc_normal_(std 0.01, a = -2, b = 2) truncates at 200σ, i.e. never. TorchSharp's inverse-CDF
                // sampler at such bounds draws erfinv(±1) and now and then leaves a NaN weight; the same distribution, safely:
                nn.init.normal_(weight, 0, 0.01).clamp_(-2, 2);
                if (bias is not null) nn.init.zeros_(bias);
            }
        }
    }

    /// <summary>
    /// Smallest input for which every ceil-mode pool keeps a non-empty map. The paper's auxiliary heads pool 4a/4d with a
    /// fixed 5×5/3 window into an FC sized for 4×4 maps, so with them only inputs whose 4a map pools to exactly 4×4 fit.
    /// </summary>
    private static InputConstraint ConstraintFor(ResolvedModelOptions options, bool paper)
    {
        static int Map4a(int size)
        {
            var s = ConvArithmetic.OutputSize(size, 7, 2, 3);
            s = ConvArithmetic.OutputSize(s, 3, 2, ceilMode: true);  // maxpool1
            s = ConvArithmetic.OutputSize(s, 3, 2, ceilMode: true);  // maxpool2
            return ConvArithmetic.OutputSize(s, 3, 2, ceilMode: true); // maxpool3: 4a..4e run on this map
        }
        var min = ConvArithmetic.MinInputSize(size => ConvArithmetic.OutputSize(Map4a(size), paper ? 3 : 2, 2, ceilMode: true));
        if (!(paper && options.AuxClassifiers)) return InputConstraint.AtLeast(min);
        var fitting = Enumerable.Range(min, 1024).Where(size => ConvArithmetic.OutputSize(Map4a(size), 5, 3) == 4).ToArray();
        return new InputConstraint(fitting[0], MaxSize: fitting[^1]);
    }

    internal static IEnumerable<ModelSpec> Specs =>
    [
        Entry("googlenet", paper: false, "GoogLeNet in torchvision's layout: BN after every conv, 3×3 in the \"5×5\" branch, no LRN"),
        Entry("googlenet_paper", paper: true, "GoogLeNet as in the paper: conv biases, true 5×5 branch, LRN, 3×3 maxpool4, dropout 0.4"),
    ];

    private static ModelSpec Entry(string name, bool paper, string description) => new()
    {
        Name = name, Family = "GoogLeNet", Description = description, Paper = Paper,
        CanonicalInputSize = 224, DefaultDropout = paper ? 0.4 : 0.2, TorchvisionCompatible = !paper,
        HasAuxClassifiers = true, TrainingRecipe = TrainingRecipes.GoogLeNet,
        InputConstraintFor = options => ConstraintFor(options, paper),
        Build = (spec, options) => new GoogLeNet(spec, options, paper),
    };
}
