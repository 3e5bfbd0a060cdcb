using CnnZoo.Architectures;
using CnnZoo.Architectures.Export;
using CnnZoo.Onnx.Export;
using static TorchSharp.torch;

namespace CnnZoo.Onnx.Tests;

/// <summary>What the exporter does not know is refused by name, and nothing is written.</summary>
[TestClass]
public sealed class UnsupportedModuleTests
{
    [TestMethod]
    public void AnUnknownModuleIsNamedByTypeAndStateDictPath()
    {
        using var model = new CustomNet(describes: true);
        var path = Path.Combine(Path.GetTempPath(), $"cnnzoo-unsupported-{Guid.NewGuid():N}.onnx");
        var error = Assert.ThrowsExactly<NotSupportedException>(() => OnnxExport.Export(model, path));
        StringAssert.Contains(error.Message, "TorchSharp.Modules.GELU");
        StringAssert.Contains(error.Message, "'features.1'");
        Assert.IsFalse(File.Exists(path), "a refused export must not leave a file");
    }

    [TestMethod]
    public void AModelWithoutAForwardDescriptionIsNamed()
    {
        using var model = new CustomNet(describes: false);
        var error = Assert.ThrowsExactly<NotSupportedException>(() => OnnxExport.ToBytes(model));
        StringAssert.Contains(error.Message, "'custom_net'");
        StringAssert.Contains(error.Message, typeof(CustomNet).FullName!);
    }

    /// <summary>A user's model: conv → GELU (which the exporter has no converter for) → pool → linear.</summary>
    private sealed class CustomNet : CnnModel
    {
        private static readonly ModelSpec CustomSpec = new()
        {
            Name = "custom_net", Family = "Custom", Description = "a test net", Paper = new PaperInfo("none", "none", 2024),
            CanonicalInputSize = 8, TrainingRecipe = TrainingRecipes.AdamWCosine,
            InputConstraintFor = _ => InputConstraint.AtLeast(1),
            Build = (_, _) => throw new NotSupportedException(),
        };

        private readonly nn.Module<Tensor, Tensor> features, pool, fc;
        private readonly bool describes;

        public CustomNet(bool describes) : base(CustomSpec, CustomSpec.Resolve(new ModelOptions { NumClasses = 2 }))
        {
            this.describes = describes;
            features = nn.Sequential(("0", nn.Conv2d(3, 4, 3)), ("1", nn.GELU()));
            pool = nn.AdaptiveAvgPool2d([1, 1]);
            fc = nn.Linear(4, 2);
            RegisterComponents();
        }

        public override int NumFeatures => 4;
        protected override IEnumerable<string> HeadModules => [nameof(fc)];
        protected override Tensor Features(Tensor input) => pool.call(features.call(input)).flatten(1);
        protected override Tensor Classify(Tensor x) => fc.call(x);
        protected override void ReplaceClassifier(int numClasses, Device device) => throw new NotSupportedException();

        internal override GraphValue DescribeFeatures(IForwardGraph graph, GraphValue input) =>
            describes ? graph.Flatten(graph.Apply(pool, graph.Apply(features, input))) : base.DescribeFeatures(graph, input);

        internal override GraphValue DescribeClassify(IForwardGraph graph, GraphValue x) =>
            describes ? graph.Apply(fc, x) : base.DescribeClassify(graph, x);
    }
}
