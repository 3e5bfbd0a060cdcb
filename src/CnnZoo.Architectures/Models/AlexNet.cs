using CnnZoo.Architectures.Layers;

namespace CnnZoo.Architectures.Models;

/// <summary>
/// AlexNet (Krizhevsky, Sutskever, Hinton 2012) and torchvision's "one weird trick" variant.
/// <list type="bullet">
/// <item><c>alexnet_2012</c>: the lecture's single-tower table, 227×227 input, LRN with the paper's α, dropout after fc6/fc7: 62,378,344 params.</item>
/// <item><c>alexnet_2012_grouped</c>: the two-GPU net, conv2/4/5 with groups=2 (each tower sees only its own maps): 60,965,224.</item>
/// <item><c>alexnet</c>: torchvision's 64-192-384-256-256 variant (no LRN, adaptive 6×6 pool), state_dict keys as torchvision: 61,100,840.</item>
/// </list>
/// </summary>
public sealed class AlexNet : ConvStackNet
{
    internal static readonly PaperInfo Paper = new("ImageNet Classification with Deep Convolutional Neural Networks", "Krizhevsky, Sutskever, Hinton", 2012,
        "15.4% top-5 (ILSVRC-2012 test, 7-net ensemble; one net 18.2%)");

    private AlexNet(ModelSpec spec, ResolvedModelOptions options, ConvStackLayout layout, Action<AlexNet> init) : base(spec, options, layout) => init(this);

    // conv1 → ReLU → LRN → pool, conv2 → ReLU → LRN → pool, conv3-5 → pool (convs at features.{0,4,8,10,12}).
    private static ConvStackLayout Paper2012(int groups) => new(
    [
        new ConvOp(96, 11, Stride: 4), new ReluOp(), new LrnOp(), new MaxPoolOp(3, 2),            // N x 96 x 27 x 27
        new ConvOp(256, 5, Padding: 2, Groups: groups), new ReluOp(), new LrnOp(), new MaxPoolOp(3, 2), // N x 256 x 13 x 13
        new ConvOp(384, 3, Padding: 1), new ReluOp(),                                              // conv3 connects across towers
        new ConvOp(384, 3, Padding: 1, Groups: groups), new ReluOp(),
        new ConvOp(256, 3, Padding: 1, Groups: groups), new ReluOp(), new MaxPoolOp(3, 2),         // N x 256 x 6 x 6
    ], AdaptivePoolSize: null, DropoutPlacement.AfterHidden);

    private static readonly ConvStackLayout Torchvision = new(
    [
        new ConvOp(64, 11, Stride: 4, Padding: 2), new ReluOp(), new MaxPoolOp(3, 2),
        new ConvOp(192, 5, Padding: 2), new ReluOp(), new MaxPoolOp(3, 2),
        new ConvOp(384, 3, Padding: 1), new ReluOp(),
        new ConvOp(256, 3, Padding: 1), new ReluOp(),
        new ConvOp(256, 3, Padding: 1), new ReluOp(), new MaxPoolOp(3, 2),
    ], AdaptivePoolSize: 6, DropoutPlacement.BeforeHidden);

    /// <summary>The paper's init: weights N(0, 0.01); biases 1 in conv2, conv4, conv5 and the hidden FCs (to feed ReLUs positive inputs), 0 elsewhere.</summary>
    private static void PaperInit(AlexNet net) => Layers.Init.Gaussian(net, 0.01,
        name => name is "features.4" or "features.10" or "features.12" or "classifier.0" or "classifier.3" ? 1.0 : 0.0);

    internal static IEnumerable<ModelSpec> Specs =>
    [
        Entry("alexnet_2012", "AlexNet as in the 2012 paper, one tower (the lecture's table): 227×227, LRN, dropout after fc6/fc7", Paper2012(groups: 1), 227, PaperInit),
        Entry("alexnet_2012_grouped", "AlexNet as trained on two GPUs: conv2/4/5 grouped (groups=2), conv3 and FCs across both", Paper2012(groups: 2), 227, PaperInit),
        Entry("alexnet", "torchvision's AlexNet (\"one weird trick\", 2014): 64-192-384-256-256, no LRN, adaptive 6×6 pool", Torchvision, 224, _ => { }, torchvision: true),
    ];

    private static ModelSpec Entry(string name, string description, ConvStackLayout layout, int inputSize, Action<AlexNet> init, bool torchvision = false) => new()
    {
        Name = name, Family = "AlexNet", Description = description, Paper = Paper,
        CanonicalInputSize = inputSize, DefaultDropout = 0.5, TorchvisionCompatible = torchvision, TrainingRecipe = TrainingRecipes.AlexNet,
        InputConstraintFor = layout.ConstraintFor,
        Build = (spec, options) => new AlexNet(spec, options, layout, init),
    };
}
