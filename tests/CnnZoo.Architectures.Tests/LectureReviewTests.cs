using CnnZoo.Architectures.Analysis;

namespace CnnZoo.Architectures.Tests;

/// <summary>The lecture review the first notebook shows: which printed numbers hold and which are misprints.</summary>
[TestCategory("Slow")]
[TestClass]
public sealed class LectureReviewTests
{
    private static LectureReview _review = null!;

    [ClassInitialize]
    public static void RunTheReview(TestContext context) => _review = LectureReview.Run();

    [TestMethod]
    public void TheMisprintsAreExactlyTheKnownOnes()
    {
        var misprints = _review.Sections.SelectMany(s => s.Checks.Where(c => c.Verdict == LectureVerdict.Misprint).Select(c => $"{s.Title.Split(' ')[0]} {c.Quantity}")).ToList();
        CollectionAssert.AreEquivalent(new[]
        {
            "AlexNet size",                                       // "62 MByte": 62M parameters take 249.5 MB
            "VGG-16 TOTAL memory (values per image)",             // 24M; its rows add up to 15.2M
            "VGG-16 TOTAL memory (bytes per image, forward)",     // ≈96MB follows from it
            "GoogLeNet: bottleneck: total",                       // 358M; its six terms add up to 271M
            "GoogLeNet parameters",                               // 5M; the net has 7.0M
            "GoogLeNet AlexNet / GoogLeNet parameters",           // 12×; measured 8.9×
        }, misprints, string.Join("\n", misprints));
        Assert.AreEqual(6, _review.Misprints.Count);
        Assert.IsTrue(_review.Misprints.All(m => !string.IsNullOrEmpty(m.Note)), "every misprint says why");
    }

    [TestMethod]
    public void EverythingElseHoldsExactlyOrToThePrintedDigits()
    {
        var others = _review.Checks.Where(c => c.Verdict != LectureVerdict.Misprint).ToList();
        Assert.IsTrue(others.Count > 60, $"{others.Count} checks");
        Assert.IsTrue(others.All(c => c.Verdict is LectureVerdict.Exact or LectureVerdict.Rounded), string.Join("\n", others.Where(c => c.Verdict == LectureVerdict.Approximate)));
        var alexnetRows = _review.Section("AlexNet").Checks.Where(c => c.Quantity.StartsWith("Conv-", StringComparison.Ordinal) || c.Quantity.StartsWith("FC-", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(8, alexnetRows.Count);
        Assert.IsTrue(alexnetRows.All(c => c.Verdict == LectureVerdict.Exact && c.Printed == c.Measured));
        Assert.AreEqual(22, _review.Section("VGG-16").Checks.Count(c => c.Quantity is "INPUT" or "FC" || c.Quantity.StartsWith("CONV3", StringComparison.Ordinal) || c.Quantity == "POOL2"));
    }

    [TestMethod]
    public void TheInceptionNoteFindsWhere358MCameFrom()
    {
        var total = _review.Section("GoogLeNet: inception").Checks.Single(c => c.Quantity == "bottleneck: total");
        Assert.AreEqual("271,351,808", total.Measured);
        StringAssert.Contains(total.Note, "271.4M");
        StringAssert.Contains(total.Note, "358,055,936");
        var naive = _review.Section("GoogLeNet: inception").Checks.Single(c => c.Quantity == "naive: total");
        Assert.AreEqual(LectureVerdict.Rounded, naive.Verdict);
        Assert.AreEqual("854,196,224", naive.Measured);
    }

    [TestMethod]
    public void ResNetFlopsAreTheV1NetsMultiplyAdds()
    {
        var flops = _review.Section("ResNet").Checks.Where(c => c.Quantity.EndsWith("FLOPs (multiply-adds)", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEqual(new[] { "1.81×10^9 (resnet18)", "3.66×10^9 (resnet34)", "3.86×10^9 (resnet50_v1)", "7.57×10^9 (resnet101_v1)", "11.28×10^9 (resnet152_v1)" },
            flops.Select(c => c.Measured).ToArray());
        Assert.AreEqual("1202 (resnet1202_cifar)", _review.Section("ResNet").Checks.Single(c => c.Quantity == "deepest CIFAR net").Measured);
    }

    [TestMethod]
    public void HtmlListsTheMisprintsFirstThenEverySection()
    {
        var html = _review.ToHtml();
        var misprints = html.IndexOf("The lecture&#39;s misprints", StringComparison.Ordinal);
        Assert.IsTrue(misprints > 0);
        foreach (var section in _review.Sections)
            Assert.IsTrue(html.IndexOf(HtmlTable.Encode(section.Title), misprints, StringComparison.Ordinal) > misprints, section.Title);
        StringAssert.Contains(html, "✗\u00a0misprint");
        StringAssert.Contains(html, $"{_review.Checks.Count()} numbers checked:");
        Assert.AreEqual(6, _review.MisprintTable().RowCount);
        Assert.ThrowsExactly<ArgumentException>(() => _review.Section("Inception-v4"));
    }

    [TestMethod]
    public void PrintedNumbersParseWithTheirResolution()
    {
        Assert.AreEqual((3.2e6, 1e5), Round(LectureCheck.ParsePrinted("3.2M")));
        Assert.AreEqual((8e5, 1e5), Round(LectureCheck.ParsePrinted("800K")));
        Assert.AreEqual((25e3, 1e3), Round(LectureCheck.ParsePrinted("25K")));
        Assert.AreEqual((6e4, 1e4), Round(LectureCheck.ParsePrinted("60k")));
        Assert.AreEqual((34_848, 1), Round(LectureCheck.ParsePrinted("34,848")));
        Assert.AreEqual((11.3e9, 1e8), Round(LectureCheck.ParsePrinted("11.3G")));
        Assert.ThrowsExactly<FormatException>(() => LectureCheck.ParsePrinted("lots"));

        Assert.AreEqual(LectureVerdict.Exact, LectureCheck.Compare("34,848", 34_848));
        Assert.AreEqual(LectureVerdict.Rounded, LectureCheck.Compare("3.2M", 3_211_264));
        Assert.AreEqual(LectureVerdict.Rounded, LectureCheck.Compare("150K", 150_528));
        Assert.AreEqual(LectureVerdict.Approximate, LectureCheck.Compare(100, 101.5, 1));
        Assert.AreEqual(LectureVerdict.Misprint, LectureCheck.Compare("24M", 15_237_608));
        Assert.AreEqual(LectureVerdict.Misprint, LectureCheck.Worst(LectureVerdict.Exact, LectureVerdict.Misprint, LectureVerdict.Rounded));
        Assert.AreEqual(LectureVerdict.Exact, LectureCheck.Worst());
    }

    private static (double, double) Round((double Value, double Resolution) p) => (Math.Round(p.Value, 6), Math.Round(p.Resolution, 6));
}
