using System.Globalization;
using System.Text;
using CnnZoo.Architectures.Layers;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Analysis;

/// <summary>
/// The lecture "CNN Architecture" (LeNet-5, AlexNet, ZFNet, VGGNet, GoogLeNet, ResNet), number by number: every table
/// entry and figure it prints, next to the value measured on this library's real modules (<see cref="ModelSummary"/>
/// hooks, <see cref="ReceptiveField"/>), with a verdict. Misprints get a note that says where the lecture's number
/// came from when that can be shown (e.g. the inception module's "358M ops").
/// </summary>
public sealed class LectureReview : IHtmlReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private LectureReview(IReadOnlyList<LectureSection> sections) => Sections = sections;

    /// <summary>The lecture's slide groups, in lecture order.</summary>
    public IReadOnlyList<LectureSection> Sections { get; }

    /// <summary>The section whose title starts with <paramref name="titleStart"/> (case-insensitive): "LeNet", "AlexNet", "ZFNet", "VGG-16", "VGG: receptive", "GoogLeNet: inception", "GoogLeNet (", "ResNet".</summary>
    public LectureSection Section(string titleStart)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(titleStart);
        return Sections.FirstOrDefault(s => s.Title.StartsWith(titleStart, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No section starts with '{titleStart}'. Sections: {string.Join("; ", Sections.Select(s => s.Title))}.", nameof(titleStart));
    }

    /// <summary>Every check of every section.</summary>
    public IEnumerable<LectureCheck> Checks => Sections.SelectMany(s => s.Checks);

    /// <summary>The checks whose measured value contradicts the lecture.</summary>
    public IReadOnlyList<LectureCheck> Misprints => Checks.Where(c => c.Verdict == LectureVerdict.Misprint).ToList();

    /// <summary>
    /// Checks the whole lecture. Needs the summaries of lenet5_paper, alexnet_2012, zfnet, vgg16, vgg19, googlenet_paper,
    /// resnet18/34/50/101/152 (v1 and v1.5) and resnet1202_cifar: pass <paramref name="summaries"/> (e.g.
    /// <see cref="ZooOverview.Summary"/>) to reuse ones already measured, otherwise each model is built once here
    /// (about 15 s on two CPU cores).
    /// </summary>
    public static LectureReview Run(Func<string, ModelSummary>? summaries = null)
    {
        var of = Cached(summaries);
        return new LectureReview([LeNet5(of), AlexNet(of), ZFNet(of), Vgg16(of), ReceptiveFields(), Inception(), GoogLeNet(of), ResNet(of)]);
    }

    /// <summary>LeNet-5: 7 layers, 5×5 convs, 2×2 subsampling, 60k parameters (the paper's net, <c>lenet5_paper</c>).</summary>
    public static LectureSection LeNet5(Func<string, ModelSummary>? summaries = null)
    {
        var s = Cached(summaries)("lenet5_paper");
        var maps = s.Layers.Where(r => r.IsActivationMap).ToList();
        var kinds = string.Join("-", maps.Select(r => r.Kind switch { LayerKind.Conv => "CONV", LayerKind.Pool => "POOL", _ => "FC" }));
        var convs = s.Layers.Where(r => r.Kind == LayerKind.Conv).ToList();
        var pools = s.Layers.Where(r => r.Kind == LayerKind.Pool).ToList();
        var convText = Windows(convs);
        var poolText = Windows(pools);
        return new LectureSection("LeNet-5 (lenet5_paper)",
        [
            new("layers", "7: CONV-POOL-CONV-POOL-FC-FC-FC", $"{maps.Count}: {kinds}", LectureCheck.Compare(7, maps.Count, 1),
                "C5 is a 5×5 convolution over a 5×5 map (output 1×1×120), i.e. fully connected; the output layer is the paper's RBF."),
            new("conv filters", "5x5, stride 1", convText, convText == "5x5, stride 1" ? LectureVerdict.Exact : LectureVerdict.Misprint),
            new("pooling", "2x2 average, stride 2", poolText + " (trainable average)", poolText == "2x2, stride 2" ? LectureVerdict.Exact : LectureVerdict.Misprint),
            new("parameters", "60k", N(s.TotalParameters), LectureCheck.Compare("60k", s.TotalParameters)),
        ],
        [string.Create(Invariant, $"Plus {s.FixedWeights:N0} fixed RBF prototype values. The modern ReLU/max-pool variant (lenet5) has 61,706 parameters.")]);
    }

    /// <summary>AlexNet: the input size and the lecture's layer table, row by row (<c>alexnet_2012</c>, one tower).</summary>
    public static LectureSection AlexNet(Func<string, ModelSummary>? summaries = null)
    {
        var s = Cached(summaries)("alexnet_2012");
        (string Layer, string Shape, long Weights, long Biases, long Parameters)[] printed =
        [
            ("Conv-1", "55x55x96", 34_848, 96, 34_944), ("MaxPool-1", "27x27x96", 0, 0, 0),
            ("Conv-2", "27x27x256", 614_400, 256, 614_656), ("MaxPool-2", "13x13x256", 0, 0, 0),
            ("Conv-3", "13x13x384", 884_736, 384, 885_120), ("Conv-4", "13x13x384", 1_327_104, 384, 1_327_488),
            ("Conv-5", "13x13x256", 884_736, 256, 884_992), ("MaxPool-3", "6x6x256", 0, 0, 0),
            ("FC-1", "4096x1", 37_748_736, 4_096, 37_752_832), ("FC-2", "4096x1", 16_777_216, 4_096, 16_781_312),
            ("FC-3", "1000x1", 4_096_000, 1_000, 4_097_000),
        ];
        var rows = s.Layers.Where(r => r.IsActivationMap).ToList();
        var checks = new List<LectureCheck>();
        var input = Shape(s.InputShape);
        var from224 = (224 - 11) / 4.0 + 1;
        checks.Add(new("input", "227x227x3 (the paper's 224 is a typo)", input, input == "227x227x3" ? LectureVerdict.Exact : LectureVerdict.Misprint,
            string.Create(Invariant, $"conv1 (11×11, stride 4, no padding) gives (227 − 11)/4 + 1 = {ConvArithmetic.OutputSize(227, 11, 4)}; from 224 it would be {from224:0.##}, not a whole number.")));
        for (var i = 0; i < printed.Length; i++)
        {
            var p = printed[i];
            var m = i < rows.Count ? rows[i] : null;
            var shape = m is null ? "-" : m.OutputShape.Length == 1 ? $"{m.ShapeText}x1" : m.ShapeText;
            var verdict = m is null ? LectureVerdict.Misprint : LectureCheck.Worst(
                shape == p.Shape ? LectureVerdict.Exact : LectureVerdict.Misprint,
                LectureCheck.Compare(p.Weights, m.Weights, 1), LectureCheck.Compare(p.Biases, m.Biases, 1), LectureCheck.Compare(p.Parameters, m.Parameters, 1));
            checks.Add(new(p.Layer, Row(p.Shape, p.Weights, p.Biases, p.Parameters), m is null ? "-" : Row(shape, m.Weights, m.Biases, m.Parameters), verdict));
        }
        checks.Add(new("Total parameters", "62,378,344", N(s.TotalParameters), LectureCheck.Compare(62_378_344, s.TotalParameters, 1)));
        var megabytes = s.TotalParameters * 4 / 1e6;
        checks.Add(new("size", "62 MByte", string.Create(Invariant, $"{megabytes:0.0} MB at float32"), LectureCheck.Compare(62e6, s.TotalParameters * 4.0, 1e6),
            string.Create(Invariant, $"62M is the parameter count; at 4 bytes each they take {megabytes:0.0} MB ({s.TotalParameters * 4 / 1048576.0:0.0} MiB).")));
        return new LectureSection("AlexNet (alexnet_2012: the lecture's one-tower table, 227×227, LRN)", checks,
            ["Rows read: output H×W×C · weights + biases = parameters.",
             "The two-GPU net (alexnet_2012_grouped: conv2, conv4, conv5 see only their own GPU's half) has fewer weights in those layers."]);
    }

    /// <summary>ZFNet: conv1 7×7/2 and the 512/1024/512 conv3–5 (the lecture's <c>zfnet</c>).</summary>
    public static LectureSection ZFNet(Func<string, ModelSummary>? summaries = null)
    {
        var s = Cached(summaries)("zfnet");
        var convs = s.Layers.Where(r => r.Kind == LayerKind.Conv).ToList();
        var conv1 = $"{convs[0].Kernel}x{convs[0].Kernel}, stride {convs[0].Stride}";
        var deep = string.Join(", ", convs.Skip(2).Take(3).Select(r => r.OutputShape[0].ToString(Invariant)));
        return new LectureSection("ZFNet (zfnet)",
        [
            new("CONV1 (AlexNet: 11x11, stride 4)", "7x7, stride 2", conv1, conv1 == "7x7, stride 2" ? LectureVerdict.Exact : LectureVerdict.Misprint),
            new("CONV3, 4, 5 filters (AlexNet: 384, 384, 256)", "512, 1024, 512", deep, deep == "512, 1024, 512" ? LectureVerdict.Exact : LectureVerdict.Misprint),
        ],
        [string.Create(Invariant, $"zfnet has {s.TotalParameters:N0} parameters and {s.TotalMacs / 1e9:0.00} GMACs at 224×224; zfnet_paper keeps the paper's 384, 384, 256.")]);
    }

    /// <summary>VGG-16: the lecture's memory/params list row by row and its totals (<c>vgg16</c>; <c>vgg19</c> for the comparison).</summary>
    public static LectureSection Vgg16(Func<string, ModelSummary>? summaries = null)
    {
        var of = Cached(summaries);
        var s = of("vgg16");
        var vgg19 = of("vgg19");
        (string Layer, string Shape, string Memory, long Params)[] printed =
        [
            ("CONV3-64", "224x224x64", "3.2M", 1_728), ("CONV3-64", "224x224x64", "3.2M", 36_864), ("POOL2", "112x112x64", "800K", 0),
            ("CONV3-128", "112x112x128", "1.6M", 73_728), ("CONV3-128", "112x112x128", "1.6M", 147_456), ("POOL2", "56x56x128", "400K", 0),
            ("CONV3-256", "56x56x256", "800K", 294_912), ("CONV3-256", "56x56x256", "800K", 589_824), ("CONV3-256", "56x56x256", "800K", 589_824), ("POOL2", "28x28x256", "200K", 0),
            ("CONV3-512", "28x28x512", "400K", 1_179_648), ("CONV3-512", "28x28x512", "400K", 2_359_296), ("CONV3-512", "28x28x512", "400K", 2_359_296), ("POOL2", "14x14x512", "100K", 0),
            ("CONV3-512", "14x14x512", "100K", 2_359_296), ("CONV3-512", "14x14x512", "100K", 2_359_296), ("CONV3-512", "14x14x512", "100K", 2_359_296), ("POOL2", "7x7x512", "25K", 0),
            ("FC", "1x1x4096", "4096", 102_760_448), ("FC", "1x1x4096", "4096", 16_777_216), ("FC", "1x1x1000", "1000", 4_096_000),
        ];
        var rows = s.Layers.Where(r => r.IsActivationMap).ToList();
        var checks = new List<LectureCheck>();
        var inputValues = s.InputShape.Aggregate(1L, (a, b) => a * b);
        checks.Add(new("INPUT", "[224x224x3] memory 150K, params 0", $"[{Shape(s.InputShape)}] memory {N(inputValues)}, params 0", LectureCheck.Compare("150K", inputValues)));
        for (var i = 0; i < printed.Length; i++)
        {
            var p = printed[i];
            var m = i < rows.Count ? rows[i] : null;
            var shape = m is null ? "-" : m.OutputShape.Length == 1 ? $"1x1x{m.ShapeText}" : m.ShapeText;
            var verdict = m is null ? LectureVerdict.Misprint : LectureCheck.Worst(
                shape == p.Shape ? LectureVerdict.Exact : LectureVerdict.Misprint, LectureCheck.Compare(p.Memory, m.Activations), LectureCheck.Compare(p.Params, m.Weights, 1));
            checks.Add(new(p.Layer, $"[{p.Shape}] memory {p.Memory}, params {N(p.Params)}",
                m is null ? "-" : $"[{shape}] memory {N(m.Activations)}, params {N(m.Weights)}", verdict));
        }
        var total = s.TotalActivations;
        var rowSum = inputValues + rows.Sum(r => r.Activations);
        checks.Add(new("TOTAL memory (values per image)", "24M", N(total), LectureCheck.Compare("24M", total),
            string.Create(Invariant, $"The lecture's own rows (input included) add up to {rowSum / 1e6:0.00}M; 24M does not follow from them.")));
        checks.Add(new("TOTAL memory (bytes per image, forward)", "24M × 4 bytes ≈ 96MB", string.Create(Invariant, $"{total:N0} × 4 bytes = {total * 4 / 1e6:0.0} MB"),
            LectureCheck.Compare(96e6, total * 4.0, 1e6), "Follows from the wrong 24M."));
        checks.Add(new("TOTAL params", "138M", N(s.TotalParameters), LectureCheck.Compare("138M", s.TotalParameters)));
        var firstTwo = rows.Take(2).Sum(r => r.Activations);
        var fc = s.Layers.Where(r => r.Kind == LayerKind.Linear).Sum(r => r.Parameters);
        checks.Add(new("where the memory is", "in the early CONV layers", string.Create(Invariant, $"the first two convs hold {firstTwo * 100.0 / total:0}% of it"),
            rows.Take(2).All(r => r.Activations == rows.Max(x => x.Activations)) ? LectureVerdict.Exact : LectureVerdict.Misprint));
        checks.Add(new("where the parameters are", "in the last FC layers", string.Create(Invariant, $"the three FC layers hold {fc * 100.0 / s.TotalParameters:0}% of them"),
            fc * 2 > s.TotalParameters ? LectureVerdict.Exact : LectureVerdict.Misprint));
        checks.Add(new("VGG-19 vs VGG-16 memory", "VGG-19 uses more", string.Create(Invariant, $"{vgg19.TotalActivations / 1e6:0.00}M vs {total / 1e6:0.00}M values"),
            vgg19.TotalActivations > total ? LectureVerdict.Exact : LectureVerdict.Misprint));
        return new LectureSection("VGG-16 (vgg16): memory and parameters per layer", checks,
            [string.Create(Invariant, $"The lecture's params are weights only; the biases add {s.Layers.Sum(r => r.Biases):N0}. Memory counts the input and every conv, pool and FC output (ReLUs in place).")]);
    }

    /// <summary>Stacked 3×3 convolutions: receptive field 3, 5, 7 for depth 1, 2, 3, and their parameters against one big filter.</summary>
    public static LectureSection ReceptiveFields()
    {
        var checks = new List<LectureCheck>();
        foreach (var depth in new[] { 1, 2, 3 })
        {
            using var stack = nn.Sequential(Enumerable.Range(0, depth).Select(i => ($"{i}", (nn.Module<Tensor, Tensor>)nn.Conv2d(1, 1, 3, bias: false))));
            var summary = ModelSummary.Of(stack, [1, 16, 16], $"3x3 x {depth}");
            var field = ReceptiveField.Of(summary);
            var big = 2 * depth + 1;
            using var single = nn.Conv2d(1, 1, big, bias: false);
            var singleParams = ModelSummary.Of(single, [1, 16, 16]).TotalParameters;
            var printedText = string.Create(Invariant, $"{big}x{big}: {big * big} vs {depth} × 9 = {depth * 9}");
            var measuredText = string.Create(Invariant, $"{field}x{field}: {singleParams} vs {summary.TotalParameters}");
            checks.Add(new($"3x3 filter × depth {depth}: receptive field, params (one {big}x{big} vs the stack)", printedText, measuredText,
                LectureCheck.Worst(LectureCheck.Compare(big, field, 1), LectureCheck.Compare(big * big, singleParams, 1), LectureCheck.Compare(depth * 9, summary.TotalParameters, 1))));
        }
        return new LectureSection("VGG: receptive field of stacked 3×3 convolutions (per input/output channel pair)", checks,
            ["Measured on real Conv2d stacks: receptive field from the layers' kernels and strides, parameters from the modules. Each extra layer also adds a ReLU."]);
    }

    /// <summary>The inception module at 28×28×256: naive (854M ops, 672 channels out) against the bottleneck version.</summary>
    public static LectureSection Inception()
    {
        long[] input = [256, 28, 28];
        var naive = Measure(new InceptionConfig(Ch1x1: 128, Reduce3x3: null, Ch3x3: 192, Reduce5x5: null, Ch5x5: 96, PoolProj: null), input);
        var bottleneck = Measure(new InceptionConfig(Ch1x1: 128, Reduce3x3: 64, Ch3x3: 192, Reduce5x5: 64, Ch5x5: 96, PoolProj: 64), input);
        var swapped = Measure(new InceptionConfig(Ch1x1: 64, Reduce3x3: 128, Ch3x3: 192, Reduce5x5: 64, Ch5x5: 96, PoolProj: 64), input);
        var checks = new List<LectureCheck>
        {
            new("naive: output", "28x28x(128 + 192 + 96 + 256) = 28x28x672", naive.OutputShape, naive.OutputShape == "28x28x672" ? LectureVerdict.Exact : LectureVerdict.Misprint,
                "The pool branch passes all 256 input channels through, so depth grows module after module."),
        };
        (string Term, string Module, long Value)[] naiveTerms =
        [
            ("[1x1 conv, 128] [28x28x256]x[1x1]x128", "branch1.conv", 28L * 28 * 256 * 1 * 128),
            ("[3x3 conv, 192] [28x28x256]x[3x3]x192", "branch2.0.conv", 28L * 28 * 256 * 9 * 192),
            ("[5x5 conv, 96] [28x28x256]x[5x5]x96", "branch3.0.conv", 28L * 28 * 256 * 25 * 96),
        ];
        foreach (var t in naiveTerms) checks.Add(Term("naive", t, naive.Summary));
        checks.Add(new("naive: total", "854M ops", N(naive.Summary.TotalMacs), LectureCheck.Compare("854M", naive.Summary.TotalMacs)));
        (string Term, string Module, long Value)[] bottleneckTerms =
        [
            ("[1x1 conv, 64] [28x28x256]x[1x1]x64", "branch2.0.conv", 28L * 28 * 256 * 64),
            ("[1x1 conv, 64] [28x28x256]x[1x1]x64", "branch3.0.conv", 28L * 28 * 256 * 64),
            ("[1x1 conv, 128] [28x28x256]x[1x1]x128", "branch1.conv", 28L * 28 * 256 * 128),
            ("[3x3 conv, 192] [28x28x64]x[3x3]x192", "branch2.1.conv", 28L * 28 * 64 * 9 * 192),
            ("[5x5 conv, 96] [28x28x64]x[5x5]x96", "branch3.1.conv", 28L * 28 * 64 * 25 * 96),
            ("[1x1 conv, 64] [28x28x256]x[1x1]x64", "branch4.1.conv", 28L * 28 * 256 * 64),
        ];
        foreach (var t in bottleneckTerms) checks.Add(Term("bottleneck", t, bottleneck.Summary));
        var termSum = bottleneckTerms.Sum(t => t.Value);
        checks.Add(new("bottleneck: total", "358M ops", N(bottleneck.Summary.TotalMacs), LectureCheck.Compare("358M", bottleneck.Summary.TotalMacs),
            string.Create(Invariant, $"The six terms above add up to {termSum / 1e6:0.0}M. 358M is what a module costs whose 1×1 branch has 64 filters and whose 3×3 reduction has 128 (measured: {swapped.Summary.TotalMacs:N0}): the total was taken from a figure with those two swapped.")));
        var ratio = (double)bottleneck.Summary.TotalMacs / naive.Summary.TotalMacs;
        checks.Add(new("bottleneck vs naive", "less than half of 854M", string.Create(Invariant, $"{ratio * 100:0}% of it"), ratio < 0.5 ? LectureVerdict.Exact : LectureVerdict.Misprint));
        return new LectureSection("GoogLeNet: inception module at 28×28×256 (multiply-adds)", checks,
            [$"Measured on real Inception modules (paper form: conv biases, true 5×5). The bottleneck module outputs {bottleneck.OutputShape}: the 1×1 projection after the pool stops the depth growing."]);

        static LectureCheck Term(string variant, (string Term, string Module, long Value) t, ModelSummary summary)
        {
            var macs = summary.Layers.Where(r => r.Name == t.Module).Sum(r => r.Macs);
            return new($"{variant}: {t.Module}", string.Create(Invariant, $"{t.Term} = {t.Value:N0}"), N(macs), LectureCheck.Compare(t.Value, macs, 1));
        }
    }

    /// <summary>GoogLeNet: 22 layers, 9 inception modules, no FC layers but the classifier, "5M parameters, 12× fewer than AlexNet".</summary>
    public static LectureSection GoogLeNet(Func<string, ModelSummary>? summaries = null)
    {
        var of = Cached(summaries);
        var s = of("googlenet_paper");
        var alexnet = of("alexnet_2012");
        var modules = s.Layers.Select(r => r.Name.Split('.')[0]).Where(n => n.StartsWith("inception", StringComparison.Ordinal)).Distinct().Count();
        var stemConvs = s.Layers.Count(r => r.Kind == LayerKind.Conv && !r.Name.StartsWith("inception", StringComparison.Ordinal));
        var fcs = s.Layers.Where(r => r.Kind == LayerKind.Linear).ToList();
        var depth = stemConvs + 2 * modules + fcs.Count;
        var ratio = (double)alexnet.TotalParameters / s.TotalParameters;
        return new LectureSection("GoogLeNet (googlenet_paper)",
        [
            new("layers (parallel layers counted once, an inception module as 2)", "22", string.Create(Invariant, $"{depth} = {stemConvs} convs + 2 × {modules} modules + {fcs.Count} FC"), LectureCheck.Compare(22, depth, 1)),
            new("inception modules", "9", modules.ToString(Invariant), LectureCheck.Compare(9, modules, 1)),
            new("FC layers", "removed (only the classifier)", string.Create(Invariant, $"{fcs.Count} ({string.Join(", ", fcs.Select(f => $"{f.InputShape[0]}→{f.OutputShape[0]}"))})"), fcs.Count == 1 ? LectureVerdict.Exact : LectureVerdict.Misprint),
            new("parameters", "5M", N(s.TotalParameters), LectureCheck.Compare("5M", s.TotalParameters),
                "The paper's own round figure; the network of its Table 1 (without the auxiliary heads used only in training) has 7.0M."),
            new("AlexNet / GoogLeNet parameters", "12×", string.Create(Invariant, $"{ratio:0.0}× ({alexnet.TotalParameters / 1e6:0.0}M / {s.TotalParameters / 1e6:0.0}M)"), LectureCheck.Compare("12", ratio),
                "12 = 60M / 5M, both rounded; measured it is under 9×."),
        ],
        [string.Create(Invariant, $"{s.TotalMacs / 1e9:0.00} GMACs per 224×224 image, against {alexnet.TotalMacs / 1e9:0.00} for AlexNet.")]);
    }

    /// <summary>ResNet: the FLOPs row of the paper's Table 1, depths 18–152 and 1202, stage output sizes, no FC but the classifier.</summary>
    public static LectureSection ResNet(Func<string, ModelSummary>? summaries = null)
    {
        var of = Cached(summaries);
        var checks = new List<LectureCheck>();
        foreach (var (depth, flops, name) in new[] { (18, "1.8", "resnet18"), (34, "3.6", "resnet34"), (50, "3.8", "resnet50_v1"), (101, "7.6", "resnet101_v1"), (152, "11.3", "resnet152_v1") })
        {
            var s = of(name);
            var note = depth >= 50
                ? string.Create(Invariant, $"The paper's stride-on-the-1×1 bottleneck (v1); torchvision's v1.5 ({name[..^3]}) costs {of(name[..^3]).TotalMacs / 1e9:0.00}.")
                : null;
            checks.Add(new($"ResNet-{depth} FLOPs (multiply-adds)", $"{flops}×10^9", string.Create(Invariant, $"{s.TotalMacs / 1e9:0.00}×10^9 ({name})"),
                LectureCheck.Compare($"{flops}G", s.TotalMacs), note));
            var layers = WeightLayers(s);
            checks.Add(new($"ResNet-{depth} weight layers", depth.ToString(Invariant), layers.ToString(Invariant), LectureCheck.Compare(depth, layers, 1)));
        }
        var r18 = of("resnet18").Layers;
        int Side(string prefix) => (int)r18.Last(r => r.Name.StartsWith(prefix, StringComparison.Ordinal) && r.OutputShape.Length == 3).OutputShape[1];
        var sides = string.Join(", ", new[] { "conv1", "layer1", "layer2", "layer3", "layer4" }.Select(p => Side(p).ToString(Invariant)));
        checks.Add(new("output size: conv1, conv2_x … conv5_x", "112, 56, 28, 14, 7", sides, sides == "112, 56, 28, 14, 7" ? LectureVerdict.Exact : LectureVerdict.Misprint));
        var head = r18.Where(r => r.Kind == LayerKind.Linear).ToList();
        var pool = r18.Last(r => r.Kind == LayerKind.Pool);
        var headText = string.Create(Invariant, $"{pool.Type} → {pool.ShapeText}, {head.Count} FC ({head[0].InputShape[0]}→{head[0].OutputShape[0]})");
        checks.Add(new("head", "global average pooling, only the 1000-way FC", headText, head.Count == 1 && pool.OutputShape[1] == 1 ? LectureVerdict.Exact : LectureVerdict.Misprint));
        var cifar = WeightLayers(of("resnet1202_cifar"));
        checks.Add(new("deepest CIFAR net", "1202 layers", string.Create(Invariant, $"{cifar} (resnet1202_cifar)"), LectureCheck.Compare(1202, cifar, 1)));
        return new LectureSection("ResNet: Table 1 of the paper and the very deep nets", checks,
            ["Weight layers count convs and FC on the main path; projection shortcuts are not counted (the CIFAR nets' option-A shortcuts have no weights).",
             "The paper's \"FLOPs\" are multiply-adds (MACs); the v1 nets reproduce them."]);
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        var all = Checks.ToList();
        var sb = new StringBuilder("<div class=\"cnnzoo-report\">");
        sb.Append("<div style=\"margin:4px 0\"><b>").Append(all.Count).Append(" numbers checked:</b> ");
        sb.Append(string.Join(", ", Enum.GetValues<LectureVerdict>().Select(v => $"{all.Count(c => c.Verdict == v)} {LectureCheck.Describe(v)}")));
        sb.Append("</div>");
        sb.Append(MisprintTable().ToHtml());
        foreach (var section in Sections) sb.Append("<div style=\"margin-top:10px\">").Append(section.ToHtml()).Append("</div>");
        return sb.Append("</div>").ToString();
    }

    /// <summary>The misprints alone: section, quantity, printed, measured, note.</summary>
    public HtmlTable MisprintTable()
    {
        var table = new HtmlTable("section", "quantity", "lecture prints", "measured", "note") { Caption = "The lecture's misprints" };
        foreach (var section in Sections)
            foreach (var c in section.Checks.Where(c => c.Verdict == LectureVerdict.Misprint))
                table.AddRow(section.Title, c.Quantity, new HtmlCell(c.Printed, Background: "#fbd5d5"), c.Measured, c.Note ?? "");
        return table;
    }

    private static Func<string, ModelSummary> Cached(Func<string, ModelSummary>? summaries)
    {
        if (summaries is not null) return summaries;
        var cache = new Dictionary<string, ModelSummary>(StringComparer.OrdinalIgnoreCase);
        return name =>
        {
            if (cache.TryGetValue(name, out var s)) return s;
            using var model = ModelZoo.Create(name);
            return cache[name] = ModelSummary.Of(model);
        };
    }

    private static (ModelSummary Summary, string OutputShape) Measure(InceptionConfig config, long[] input)
    {
        using var module = new Inception((int)input[0], config, batchNorm: false, fiveByFiveKernel: 5);
        var summary = ModelSummary.Of(module, input, "inception");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var output = module.call(zeros([1, .. input]));
        return (summary, $"{output.shape[2]}x{output.shape[3]}x{output.shape[1]}");
    }

    private static int WeightLayers(ModelSummary s) =>
        s.Layers.Count(r => (r.Kind == LayerKind.Conv && !r.Name.Contains("downsample", StringComparison.Ordinal)) || r.Kind == LayerKind.Linear);

    private static string Windows(IEnumerable<LayerRow> rows) =>
        string.Join("; ", rows.Select(r => $"{r.Kernel}x{r.Kernel}, stride {r.Stride ?? 1}").Distinct());

    private static string Row(string shape, long weights, long biases, long parameters) =>
        string.Create(Invariant, $"{shape} · {weights:N0} + {biases:N0} = {parameters:N0}");

    private static string Shape(long[] chw) => $"{chw[1]}x{chw[2]}x{chw[0]}";
    private static string N(long value) => value.ToString("N0", Invariant);
}
