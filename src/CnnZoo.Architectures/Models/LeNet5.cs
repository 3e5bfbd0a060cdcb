using CnnZoo.Architectures.Layers;
using CnnZoo.Architectures.Export;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Models;

/// <summary>
/// The common modern LeNet-5 (6-16-120-84-10): conv 5×5 → ReLU → 2×2 max pool, twice, then FC 120 → 84 → classes.
/// 61,706 parameters at 32×32; a 28×28 input (MNIST, Fashion-MNIST) pads conv1 by 2 so the shapes, and the count, stay
/// the same. Other sizes size fc1 from the input. See <see cref="LeNet5Paper"/> for the 1998 network.
/// </summary>
public sealed class LeNet5 : CnnModel
{
    internal static readonly PaperInfo Paper = new("Gradient-Based Learning Applied to Document Recognition", "LeCun, Bottou, Bengio, Haffner", 1998);

    // The paper trains with stochastic diagonal Levenberg-Marquardt, which no preset reproduces; both variants take the modern default.
    internal const string Recipe = TrainingRecipes.AdamWCosine;

    private readonly nn.Module<Tensor, Tensor> conv1, act1, pool1, conv2, act2, pool2, fc1, act3, fc2, act4;
    private nn.Module<Tensor, Tensor> fc3;

    private LeNet5(ModelSpec spec, ResolvedModelOptions options) : base(spec, options)
    {
        var padding = Conv1Padding(options.InputSize);
        conv1 = nn.Conv2d(options.InChannels, 6, 5, padding: padding); // N x 6 x 28 x 28
        act1 = nn.ReLU(inplace: true);
        pool1 = nn.MaxPool2d(2, 2);                                   // N x 6 x 14 x 14
        conv2 = nn.Conv2d(6, 16, 5);                                  // N x 16 x 10 x 10
        act2 = nn.ReLU(inplace: true);
        pool2 = nn.MaxPool2d(2, 2);                                   // N x 16 x 5 x 5
        var side = FinalSide(options.InputSize);
        fc1 = nn.Linear(16 * side * side, 120);
        act3 = nn.ReLU(inplace: true);
        fc2 = nn.Linear(120, 84);
        act4 = nn.ReLU(inplace: true);
        fc3 = nn.Linear(84, options.NumClasses);
        RegisterComponents();
    }

    /// <summary>MNIST-size inputs get conv1 padding 2, which reproduces the 32×32 shapes (LeCun padded the digits to 32×32).</summary>
    public static int Conv1Padding(int inputSize) => inputSize == 28 ? 2 : 0;

    private static int FinalSide(int inputSize)
    {
        var s = ConvArithmetic.OutputSize(inputSize, 5, padding: Conv1Padding(inputSize));
        s = ConvArithmetic.OutputSize(s, 2, 2);
        s = ConvArithmetic.OutputSize(s, 5);
        return ConvArithmetic.OutputSize(s, 2, 2);
    }

    /// <inheritdoc />
    public override int NumFeatures => 84;

    /// <inheritdoc />
    protected override Tensor Features(Tensor input)
    {
        var x = pool1.call(act1.call(conv1.call(input)));
        x = pool2.call(act2.call(conv2.call(x))).flatten(1);
        return act4.call(fc2.call(act3.call(fc1.call(x))));
    }

    /// <inheritdoc />
    protected override Tensor Classify(Tensor features) => fc3.call(features);

    internal override GraphValue DescribeFeatures(IForwardGraph graph, GraphValue input)
    {
        var x = graph.Apply(pool1, graph.Apply(act1, graph.Apply(conv1, input)));
        x = graph.Flatten(graph.Apply(pool2, graph.Apply(act2, graph.Apply(conv2, x))));
        return graph.Apply(act4, graph.Apply(fc2, graph.Apply(act3, graph.Apply(fc1, x))));
    }

    internal override GraphValue DescribeClassify(IForwardGraph graph, GraphValue features) => graph.Apply(fc3, features);

    /// <inheritdoc />
    protected override IEnumerable<string> HeadModules => [nameof(fc3)];

    /// <inheritdoc />
    protected override void ReplaceClassifier(int numClasses, Device device)
    {
        fc3 = nn.Linear(84, numClasses, device: device);
        ReplaceModule(nameof(fc3), fc3);
    }

    internal static IEnumerable<ModelSpec> Specs =>
    [
        new ModelSpec
        {
            Name = "lenet5", Family = "LeNet-5", Paper = Paper,
            Description = "Modern LeNet-5 (6-16-120-84-10, ReLU, max pool); 28×28 inputs pad conv1 by 2",
            CanonicalInputSize = 32, DefaultInChannels = 1, DefaultNumClasses = 10,
            TrainingRecipe = Recipe,
            // Channels-last, as every family: with oneDNN planning for real cache sizes it trained 6–10 % and scored 16–27 %
            // faster than NCHW on the 2-core development VM (4 December 2026; NCHW had won while oneDNN planned for 1-byte caches).
            InputConstraintFor = options => new InputConstraint(ConvArithmetic.MinInputSize(FinalSide), Math.Max(options.InputSize, ConvArithmetic.MinInputSize(FinalSide))),
            Build = (spec, options) => new LeNet5(spec, options),
        },
        LeNet5Paper.RegistryEntry,
    ];
}

/// <summary>
/// LeNet-5 as published (LeCun et al. 1998): scaled-tanh units, trainable subsampling (S2, S4), the partial C3
/// connection table, and a fixed Euclidean RBF output: exactly 60,000 trainable parameters (+840 fixed RBF weights).
/// The paper's inputs are 32×32 with background −0.1 and ink 1.175.
/// </summary>
public sealed class LeNet5Paper : CnnModel
{
    /// <summary>Table I of the paper: the S2 maps each C3 map reads.</summary>
    public static readonly int[][] C3Table =
    [
        [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 0], [5, 0, 1],
        [0, 1, 2, 3], [1, 2, 3, 4], [2, 3, 4, 5], [3, 4, 5, 0], [4, 5, 0, 1], [5, 0, 1, 2],
        [0, 1, 3, 4], [1, 2, 4, 5], [0, 2, 3, 5],
        [0, 1, 2, 3, 4, 5],
    ];

    // The RBF prototypes: stylised 7×12 bitmaps of the digits ('#' = +1, '.' = −1), after Fig. 3 of the paper.
    private static readonly string[] DigitBitmaps =
    [
        "..###...#...#.#.....##.....##.....##.....##.....##.....##.....#.#...#...###.........................",
        "...#.....##....#.#......#......#......#......#......#......#......#....#####........................",
        ".###...#...#.#.....#......#.....#.....#.....#.....#.....#.....#......#######........................",
        ".####..#....#......#......#....###.......#......#......#......##....#.####..........................",
        "....#.....##....#.#...#..#..#...#.#....#.#######.....#......#......#......#.........................",
        "######.#......#......#####.......#......#......#......#......##.....#.#####.........................",
        "..###...#.....#......#......#.###.##...#.#.....##.....##.....#.#...#...###..........................",
        "#######.....#.....#......#.....#......#.....#......#......#......#......#...........................",
        ".###...#...#.#...#..#...#...###...#...#.#.....##.....##.....#.#...#...###...........................",
        ".###...#...#.#.....##.....##.....#.#...##..###.#......#......#.....#...###..........................",
    ];

    private readonly nn.Module<Tensor, Tensor> C1, C1_act, S2, S2_act, C3, C3_act, S4, S4_act, C5, C5_act, F6, F6_act;
    private nn.Module<Tensor, Tensor> output;

    private LeNet5Paper(ModelSpec spec, ResolvedModelOptions options) : base(spec, options)
    {
        C1 = nn.Conv2d(options.InChannels, 6, 5);           // N x 6 x 28 x 28
        C1_act = new ScaledTanh();
        S2 = new Subsampling(6);                             // N x 6 x 14 x 14
        S2_act = new ScaledTanh();
        C3 = new ConnectionTableConv(6, C3Table, 5);         // N x 16 x 10 x 10
        C3_act = new ScaledTanh();
        S4 = new Subsampling(16);                            // N x 16 x 5 x 5
        S4_act = new ScaledTanh();
        C5 = nn.Conv2d(16, 120, 5);                          // N x 120 x 1 x 1
        C5_act = new ScaledTanh();
        F6 = nn.Linear(120, 84);
        F6_act = new ScaledTanh();
        output = new EuclideanRbf(Prototypes(options.NumClasses));
        RegisterComponents();
    }

    /// <summary>The fixed ±1 RBF centres for the first <paramref name="numClasses"/> digits, [classes, 84].</summary>
    public static Tensor Prototypes(int numClasses)
    {
        if (numClasses > DigitBitmaps.Length)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, $"lenet5_paper's RBF output has fixed bitmaps for at most {DigitBitmaps.Length} classes; use 'lenet5' for {numClasses} classes.");
        var values = DigitBitmaps.Take(numClasses).SelectMany(b => b.Take(84).Select(c => c == '#' ? 1f : -1f)).ToArray();
        return tensor(values).view(numClasses, 84);
    }

    /// <inheritdoc />
    public override int NumFeatures => 84;

    /// <inheritdoc />
    protected override Tensor Features(Tensor input)
    {
        var x = S2_act.call(S2.call(C1_act.call(C1.call(input))));
        x = S4_act.call(S4.call(C3_act.call(C3.call(x))));
        x = C5_act.call(C5.call(x)).flatten(1);
        return F6_act.call(F6.call(x));
    }

    /// <inheritdoc />
    protected override Tensor Classify(Tensor features) => output.call(features);

    internal override GraphValue DescribeFeatures(IForwardGraph graph, GraphValue input)
    {
        var x = graph.Apply(S2_act, graph.Apply(S2, graph.Apply(C1_act, graph.Apply(C1, input))));
        x = graph.Apply(S4_act, graph.Apply(S4, graph.Apply(C3_act, graph.Apply(C3, x))));
        x = graph.Flatten(graph.Apply(C5_act, graph.Apply(C5, x)));
        return graph.Apply(F6_act, graph.Apply(F6, x));
    }

    internal override GraphValue DescribeClassify(IForwardGraph graph, GraphValue features) => graph.Apply(output, features);

    /// <inheritdoc />
    protected override IEnumerable<string> HeadModules => [nameof(output)];

    /// <inheritdoc />
    protected override void ReplaceClassifier(int numClasses, Device device)
    {
        output = new EuclideanRbf(Prototypes(numClasses).to(device));
        ReplaceModule(nameof(output), output);
    }

    internal static ModelSpec RegistryEntry => new()
    {
        Name = "lenet5_paper", Family = "LeNet-5", Paper = LeNet5.Paper,
        Description = "LeNet-5 as in the 1998 paper: scaled tanh, trainable subsampling, C3 connection table, fixed RBF output (60,000 params)",
        CanonicalInputSize = 32, DefaultInChannels = 1, DefaultNumClasses = 10, TrainingRecipe = LeNet5.Recipe, PreferredLayout = MemoryLayout.ChannelsFirst, // its C3 table and RBF head: not measured in NHWC
        InputConstraintFor = _ => new InputConstraint(32, 32),
        Build = (spec, options) => options.NumClasses > DigitBitmaps.Length
            ? throw new ArgumentOutOfRangeException(nameof(options), options.NumClasses, $"lenet5_paper's RBF output has fixed bitmaps for at most {DigitBitmaps.Length} classes; use 'lenet5' for {options.NumClasses} classes.")
            : new LeNet5Paper(spec, options),
    };
}
