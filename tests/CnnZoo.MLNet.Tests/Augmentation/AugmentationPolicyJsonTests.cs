using CnnZoo.MLNet.Augmentation;

namespace CnnZoo.MLNet.Tests;

[TestClass]
public sealed class AugmentationPolicyJsonTests
{
    [TestMethod]
    public void TheJsonIsVersionedAndListsEveryArgument()
    {
        var policy = AugmentationPolicy.Create(a => a.RandomCrop(32, padding: 4).HorizontalFlip());
        Assert.AreEqual(
            """{"version":1,"ops":[{"op":"RandomCrop","size":32,"padding":4,"paddingMode":"constant"},{"op":"HorizontalFlip","p":0.5}]}""",
            policy.ToJson());
    }

    [TestMethod]
    public void EveryOpSurvivesTheRoundTrip()
    {
        var policy = AugmentationPolicy.Create(a => a
            .RandomResizedCrop(224, scale: (0.25, 1), ratio: (0.5, 2))
            .RandomCrop(200, padding: 3, paddingMode: PaddingMode.Edge)
            .HorizontalFlip(0.3)
            .VerticalFlip(0.1)
            .RandomAffine(degrees: 12.5, translate: 0.1, scale: (0.8, 1.2))
            .RandomRotation(5)
            .ColorJitter(0.4, 0.3, 0.2)
            .RandomErasing(0.25, scale: (0.02, 0.2), ratio: (0.5, 2), value: 127.5f));

        var json = policy.ToJson();
        var read = AugmentationPolicy.FromJson(json);
        Assert.AreEqual(policy, read);
        Assert.AreEqual(json, read.ToJson());
        Assert.AreEqual(policy.GetHashCode(), read.GetHashCode());
    }

    [TestMethod]
    public void MissingArgumentsTakeTheBuildersDefaults()
    {
        var read = AugmentationPolicy.FromJson("""{"version":1,"ops":[{"op":"RandomResizedCrop","size":64},{"op":"RandomErasing"},{"op":"RandomAffine","degrees":10}]}""");
        var expected = AugmentationPolicy.Create(a => a.RandomResizedCrop(64).RandomErasing().RandomAffine(degrees: 10));
        Assert.AreEqual(expected, read);
    }

    [TestMethod]
    [DataRow("not json", "not valid JSON")]
    [DataRow("[]", "expected an object")]
    [DataRow("""{"ops":[]}""", "'version' must be an integer")]
    [DataRow("""{"version":2,"ops":[]}""", "version 2 is not supported; this build reads version 1")]
    [DataRow("""{"version":1}""", "'ops' must be an array")]
    [DataRow("""{"version":1,"ops":[3]}""", "ops[0] must be an object")]
    [DataRow("""{"version":1,"ops":[{"size":3}]}""", "ops[0] needs a string property 'op'")]
    [DataRow("""{"version":1,"ops":[{"op":"HorizontalFlip"},{"op":"Solarize"}]}""", "ops[1] has unknown op 'Solarize'; known ops: RandomCrop")]
    [DataRow("""{"version":1,"ops":[{"op":"HorizontalFlip","probability":0.5}]}""", "ops[0] (HorizontalFlip): unknown property 'probability'; known: 'p'")]
    [DataRow("""{"version":1,"ops":[{"op":"RandomCrop"}]}""", "ops[0] (RandomCrop): 'size' is required")]
    [DataRow("""{"version":1,"ops":[{"op":"RandomCrop","size":"32"}]}""", "'size' must be an integer")]
    [DataRow("""{"version":1,"ops":[{"op":"RandomCrop","size":32.5}]}""", "'size' must be an integer")]
    [DataRow("""{"version":1,"ops":[{"op":"RandomCrop","size":32,"paddingMode":"mirror"}]}""", "'paddingMode' must be one of")]
    [DataRow("""{"version":1,"ops":[{"op":"RandomErasing","scale":[0.1]}]}""", "'scale' must be an array of two numbers")]
    [DataRow("""{"version":1,"ops":[{"op":"HorizontalFlip","p":2}]}""", "ops[0] (HorizontalFlip): p must be a probability in [0, 1]; got 2")]
    public void BadJsonSaysWhatIsWrong(string json, string expected)
    {
        var error = Assert.ThrowsExactly<FormatException>(() => AugmentationPolicy.FromJson(json));
        StringAssert.Contains(error.Message, expected);
        StringAssert.StartsWith(error.Message, "Invalid augmentation policy JSON: ");
    }
}
