using CnnZoo.Architectures.Layers;

namespace CnnZoo.Architectures.Models;

/// <summary>
/// VGG (Simonyan &amp; Zisserman 2015), configurations A, A-LRN, B, C, D, E of Table 1, with or without BatchNorm, in
/// torchvision's layout (features / adaptive 7×7 avgpool / classifier) so torchvision weights load by name.
/// </summary>
public sealed class VGG : ConvStackNet
{
    internal static readonly PaperInfo Paper = new("Very Deep Convolutional Networks for Large-Scale Image Recognition", "Simonyan, Zisserman", 2015, "7.3% top-5 (ILSVRC-2014)");

    // Table 1 of the paper: a number is a 3×3 conv (pad 1) with that many channels, "1x…" a 1×1 conv, M a 2×2/2 max pool.
    private static readonly (string Name, string Config, string Column)[] Configs =
    [
        ("vgg11", "64 M 128 M 256 256 M 512 512 M 512 512 M", "A"),
        ("vgg_a_lrn", "64 LRN M 128 M 256 256 M 512 512 M 512 512 M", "A-LRN"),
        ("vgg13", "64 64 M 128 128 M 256 256 M 512 512 M 512 512 M", "B"),
        ("vgg_c", "64 64 M 128 128 M 256 256 1x256 M 512 512 1x512 M 512 512 1x512 M", "C"),
        ("vgg16", "64 64 M 128 128 M 256 256 256 M 512 512 512 M 512 512 512 M", "D"),
        ("vgg19", "64 64 M 128 128 M 256 256 256 256 M 512 512 512 512 M 512 512 512 512 M", "E"),
    ];

    private static readonly HashSet<string> TorchvisionNames = ["vgg11", "vgg13", "vgg16", "vgg19"];

    private VGG(ModelSpec spec, ResolvedModelOptions options, ConvStackLayout layout) : base(spec, options, layout) => Layers.Init.KaimingFanOut(this);

    /// <summary>Parses a configuration string into the feature stack; with <paramref name="batchNorm"/> each conv is conv → BN → ReLU.</summary>
    public static IReadOnlyList<StackOp> Stack(string config, bool batchNorm)
    {
        var ops = new List<StackOp>();
        foreach (var token in config.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token == "M") { ops.Add(new MaxPoolOp(2, 2)); continue; }
            if (token == "LRN") { ops.Add(new LrnOp()); continue; }
            var oneByOne = token.StartsWith("1x", StringComparison.Ordinal);
            var channels = int.Parse(oneByOne ? token[2..] : token, System.Globalization.CultureInfo.InvariantCulture);
            ops.Add(oneByOne ? new ConvOp(channels, 1) : new ConvOp(channels, 3, Padding: 1));
            if (batchNorm) ops.Add(new BatchNormOp());
            ops.Add(new ReluOp());
        }
        return ops;
    }

    internal static IEnumerable<ModelSpec> Specs =>
        Configs.Select(c => Entry(c.Name, c.Config, c.Column, batchNorm: false))
            .Concat(Configs.Where(c => TorchvisionNames.Contains(c.Name)).Select(c => Entry(c.Name + "_bn", c.Config, c.Column, batchNorm: true)));

    private static ModelSpec Entry(string name, string config, string column, bool batchNorm)
    {
        var layout = new ConvStackLayout(Stack(config, batchNorm), AdaptivePoolSize: 7, DropoutPlacement.AfterHidden);
        var convs = config.Split(' ').Count(t => t is not ("M" or "LRN"));
        return new ModelSpec
        {
            Name = name, Family = "VGG", Paper = Paper,
            Description = $"VGG configuration {column} ({convs + 3} weight layers){(batchNorm ? " with BatchNorm" : "")}",
            CanonicalInputSize = 224, DefaultDropout = 0.5, TrainingRecipe = TrainingRecipes.Vgg,
            TorchvisionCompatible = TorchvisionNames.Contains(name.Replace("_bn", "", StringComparison.Ordinal)),
            InputConstraintFor = layout.ConstraintFor,
            Build = (spec, options) => new VGG(spec, options, layout),
        };
    }
}
