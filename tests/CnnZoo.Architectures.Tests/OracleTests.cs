using System.Text.Json;
using CnnZoo.Architectures.Analysis;

namespace CnnZoo.Architectures.Tests;

/// <summary>Every registered model, built at its canonical input, against Fixtures/arch-oracle.json (the project's reference oracle, copied in).</summary>
[TestClass]
public sealed class OracleTests
{
    // Registry name (+ options) → oracle entry. Models missing here must be in WithoutOracleEntry.
    private static readonly (string Name, ModelOptions Options, string OracleKey)[] OracleCases =
    [
        ("lenet5", new(), "lenet5_modern"),
        ("lenet5", new() { InputSize = 28 }, "lenet5_modern_mnist28_pad2"),
        ("lenet5_paper", new(), "lenet5_paper"),
        ("alexnet_2012", new(), "alexnet_paper"),
        ("alexnet_2012_grouped", new(), "alexnet_paper_grouped"),
        ("alexnet", new(), "alexnet_torchvision"),
        ("zfnet", new(), "zfnet_512_1024_512"),
        ("zfnet_paper", new(), "zfnet_paper"),
        ("vgg11", new(), "vgg_A"),
        ("vgg_a_lrn", new(), "vgg_A_LRN"),
        ("vgg13", new(), "vgg_B"),
        ("vgg_c", new(), "vgg_C"),
        ("vgg16", new(), "vgg_D"),
        ("vgg19", new(), "vgg_E"),
        ("vgg11_bn", new(), "vgg11_bn"),
        ("vgg13_bn", new(), "vgg13_bn"),
        ("vgg16_bn", new(), "vgg16_bn"),
        ("vgg19_bn", new(), "vgg19_bn"),
        ("googlenet", new(), "googlenet_torchvision"),
        ("googlenet", new() { AuxClassifiers = true }, "googlenet_torchvision_aux"),
        ("googlenet_paper", new(), "googlenet_paper"),
        ("googlenet_paper", new() { AuxClassifiers = true }, "googlenet_paper_aux"),
        ("resnet18", new(), "resnet18"),
        ("resnet34", new(), "resnet34"),
        ("resnet50", new(), "resnet50"),
        ("resnet101", new(), "resnet101"),
        ("resnet152", new(), "resnet152"),
        ("resnet50_v1", new(), "resnet50_v1"),
        ("resnet101_v1", new(), "resnet101_v1"),
        ("resnet152_v1", new(), "resnet152_v1"),
        ("resnet18", new() { NumClasses = 10 }, "resnet18_tv_num_classes10"),
        ("resnet20_cifar", new(), "resnet20_cifar_paper"),
        ("resnet56_cifar", new(), "resnet56_cifar_paper"),
    ];

    // The oracle has no entry for these; the paper's §4.2 gives their sizes (0.46M, 0.66M, 1.7M, 19.4M), and each
    // plain net has exactly its residual twin's parameters (option-A shortcuts have none).
    private static readonly Dictionary<string, double> PaperMillionsOfParams = new()
    {
        ["resnet32_cifar"] = 0.46, ["resnet44_cifar"] = 0.66, ["resnet110_cifar"] = 1.7, ["resnet1202_cifar"] = 19.4,
        ["plain20_cifar"] = 0.27, ["plain32_cifar"] = 0.46, ["plain44_cifar"] = 0.66, ["plain56_cifar"] = 0.85,
    };

    // Layouts the oracle does not have, checked as an oracle net plus extra blocks: (name, oracle key of the stock
    // net, extra parameters, extra MACs at the oracle's input).
    private static readonly (string Name, string OracleKey, long ExtraParams, long ExtraMacs)[] OracleNetPlusBlocks =
    [
        // CNTK's [2,2,2,3]: resnet18 plus one BasicBlock(512 → 512) at 7×7, i.e. two 3×3 convs (512·512·9 weights
        // each, no bias, 49 output positions) and two BNs (weight and bias, 512 each).
        ("resnet18_mlnet", "resnet18", 2 * (512L * 512 * 9) + 2 * (2 * 512), 2 * (512L * 512 * 9 * 49)),
    ];

    [TestMethod]
    public void EveryRegisteredModelIsChecked()
    {
        var covered = OracleCases.Select(c => c.Name).Concat(PaperMillionsOfParams.Keys).Concat(OracleNetPlusBlocks.Select(c => c.Name)).ToHashSet();
        foreach (var name in ModelZoo.Names) Assert.IsTrue(covered.Contains(name), $"{name} has no oracle check");
    }

    public static IEnumerable<object[]> Cases => OracleCases.Select(c => new object[] { c.Name, c.Options, c.OracleKey });

    [TestMethod]
    [TestCategory("Slow")]
    [DynamicData(nameof(Cases))]
    public void ParametersAndMacsMatchTheOracle(string name, ModelOptions options, string oracleKey)
    {
        var oracle = Fixtures.Oracle.Value.GetProperty(oracleKey);
        var input = oracle.GetProperty("input").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        using var model = ModelZoo.Create(name, options with { NumClasses = oracle.GetProperty("num_classes").GetInt32(), InputSize = (int)input[1] });
        var summary = ModelSummary.Of(model, input, includeAux: options.AuxClassifiers);
        Assert.AreEqual(oracle.GetProperty("params").GetInt64(), summary.TotalParameters, $"{name} params");
        Assert.AreEqual(oracle.GetProperty("macs").GetInt64(), summary.TotalMacs, $"{name} MACs");
        if (oracle.TryGetProperty("rbf_fixed_weights", out var fixedWeights))
            Assert.AreEqual(fixedWeights.GetInt64(), summary.FixedWeights, $"{name} fixed RBF weights");
    }

    [TestMethod]
    public void LayoutsWithoutOracleEntryAreTheirOracleNetPlusTheirExtraBlocks()
    {
        foreach (var (name, oracleKey, extraParams, extraMacs) in OracleNetPlusBlocks)
        {
            var oracle = Fixtures.Oracle.Value.GetProperty(oracleKey);
            using var model = ModelZoo.Create(name);
            var summary = ModelSummary.Of(model);
            Assert.AreEqual(oracle.GetProperty("params").GetInt64() + extraParams, summary.TotalParameters, $"{name} params");
            Assert.AreEqual(oracle.GetProperty("macs").GetInt64() + extraMacs, summary.TotalMacs, $"{name} MACs");
        }
    }

    [TestMethod]
    public void CifarNetsWithoutOracleEntryMatchThePaperAndTheirTwins()
    {
        foreach (var (name, millions) in PaperMillionsOfParams)
        {
            using var model = ModelZoo.Create(name);
            var parameters = model.parameters().Sum(p => p.numel());
            var printedDecimals = millions.ToString(System.Globalization.CultureInfo.InvariantCulture).Split('.').ElementAtOrDefault(1)?.Length ?? 0;
            Assert.AreEqual(millions, Math.Round(parameters / 1e6, printedDecimals), $"{name}: {parameters:N0}");
            if (!name.StartsWith("plain", StringComparison.Ordinal)) continue;
            using var twin = ModelZoo.Create(name.Replace("plain", "resnet", StringComparison.Ordinal));
            Assert.AreEqual(twin.parameters().Sum(p => p.numel()), parameters, $"{name} vs its residual twin");
        }
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void ResNetV1ReproducesThePapersFlops()
    {
        // The paper's Table 1: 3.8, 7.6, 11.3 ×10⁹ multiply-adds; only the stride-on-1×1 (v1) nets give them.
        foreach (var (name, paper) in new[] { ("resnet50_v1", 3.8), ("resnet101_v1", 7.6), ("resnet152_v1", 11.3) })
        {
            using var model = ModelZoo.Create(name);
            var gmacs = ModelSummary.Of(model).TotalMacs / 1e9;
            Assert.AreEqual(paper, gmacs, 0.06, $"{name}: {gmacs:0.000} GMACs");
            using var v15 = ModelZoo.Create(name.Replace("_v1", "", StringComparison.Ordinal));
            Assert.IsTrue(ModelSummary.Of(v15).TotalMacs / 1e9 - paper > 0.2, "v1.5 should not reproduce the paper");
        }
    }

    [TestMethod]
    [TestCategory("Slow")]
    public void KeyStageShapesMatchTheOracle()
    {
        // Spot checks of output_shapes_of_key_stages through the summary rows' module names.
        AssertStage("alexnet_2012", "alexnet_paper", "features.3", "pool1");
        AssertStage("zfnet_paper", "zfnet_paper", "features.2", "pool1");
        AssertStage("googlenet", "googlenet_torchvision", "maxpool4", "maxpool4");
        AssertStage("googlenet_paper", "googlenet_paper", "maxpool2", "maxpool2");
    }

    private static void AssertStage(string name, string oracleKey, string module, string stage)
    {
        var oracle = Fixtures.Oracle.Value.GetProperty(oracleKey).GetProperty("output_shapes_of_key_stages");
        if (!oracle.TryGetProperty(stage, out var expected))
            Assert.Fail($"{oracleKey} has no stage {stage}; it has {string.Join(", ", oracle.EnumerateObject().Select(p => p.Name))}");
        using var model = ModelZoo.Create(name);
        var row = ModelSummary.Of(model).Layers.First(r => r.Name == module);
        CollectionAssert.AreEqual(expected.EnumerateArray().Select(e => e.GetInt64()).ToArray(), row.OutputShape, $"{name} {module}");
    }
}
