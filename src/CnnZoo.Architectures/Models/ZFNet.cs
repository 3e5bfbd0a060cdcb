using CnnZoo.Architectures.Layers;

namespace CnnZoo.Architectures.Models;

/// <summary>
/// ZFNet (Zeiler &amp; Fergus 2013): AlexNet with conv1 7×7/2 and conv2 stride 2, pooling then contrast normalisation,
/// Caffe ceil-mode pools. <c>zfnet_paper</c> keeps conv3-5 at 384/384/256 (Fig. 3, 62,357,608 params); <c>zfnet</c> is the
/// lecture's 512/1024/512 (107,627,624).
/// </summary>
public sealed class ZFNet : ConvStackNet
{
    internal static readonly PaperInfo Paper = new("Visualizing and Understanding Convolutional Networks", "Zeiler, Fergus", 2013, "11.7% top-5 (ILSVRC-2013)");

    private ZFNet(ModelSpec spec, ResolvedModelOptions options, ConvStackLayout layout) : base(spec, options, layout)
        => Layers.Init.Gaussian(this, 0.01, _ => 0.0); // paper: weights 1e-2, biases 0

    private static ConvStackLayout Layout(int conv3, int conv4, int conv5) => new(
    [
        new ConvOp(96, 7, Stride: 2, Padding: 1), new ReluOp(), new MaxPoolOp(3, 2, CeilMode: true), new LrnOp(), // N x 96 x 55 x 55
        new ConvOp(256, 5, Stride: 2), new ReluOp(), new MaxPoolOp(3, 2, CeilMode: true), new LrnOp(),            // N x 256 x 13 x 13
        new ConvOp(conv3, 3, Padding: 1), new ReluOp(),
        new ConvOp(conv4, 3, Padding: 1), new ReluOp(),
        new ConvOp(conv5, 3, Padding: 1), new ReluOp(), new MaxPoolOp(3, 2, CeilMode: true),                     // N x conv5 x 6 x 6
    ], AdaptivePoolSize: null, DropoutPlacement.AfterHidden);

    internal static IEnumerable<ModelSpec> Specs =>
    [
        Entry("zfnet", "ZFNet as in the lecture: AlexNet with conv1 7×7/2 and conv3-5 = 512/1024/512", Layout(512, 1024, 512)),
        Entry("zfnet_paper", "ZFNet as in the paper's Fig. 3: conv1 7×7/2, conv3-5 = 384/384/256", Layout(384, 384, 256)),
    ];

    private static ModelSpec Entry(string name, string description, ConvStackLayout layout) => new()
    {
        Name = name, Family = "ZFNet", Description = description, Paper = Paper,
        CanonicalInputSize = 224, DefaultDropout = 0.5,
        TrainingRecipe = TrainingRecipes.AlexNet, // the paper trains as AlexNet did
        InputConstraintFor = layout.ConstraintFor,
        Build = (spec, options) => new ZFNet(spec, options, layout),
    };
}
