using System.Text.RegularExpressions;
using CnnZoo.Benchmarks.Transfer;

namespace CnnZoo.Benchmarks.Tests;

[TestClass]
public sealed class BenchTransferCommandTests
{
    [TestMethod]
    [TestCategory("Slow")]
    public void TinyBenchTransferMeasuresTheAnchorAndCnnZooSideBySide()
    {
        var run = BenchRun.Of("bench-transfer", "--tasks", "oxygen-icons", "--icons-per-class", "3", "--icons-test-per-class", "2", "--epochs", "1",
            "--recipes", "MlNetFeaturizer,CnnZooFeaturizerAnchorPreprocessing,CnnZooFineTuned");

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.ToString());
        foreach (var (recipe, size) in new[] { ("MlNetFeaturizer", 224), ("CnnZooFeaturizerAnchorPreprocessing", 224), ("CnnZooFineTuned", 96) })
            StringAssert.Matches(run.OutLines.Single(l => l.StartsWith($"oxygen-icons {recipe} ", StringComparison.Ordinal)),
                new Regex($@"^oxygen-icons {recipe} {size}x{size}: accuracy [01]\.\d{{3}} \(macro [01]\.\d{{3}}\) on 12 test images, fit \d+\.\d s on 18 images"), run.ToString());
        StringAssert.Matches(run.OutLines.Single(l => l.Contains("anchor's preprocessing", StringComparison.Ordinal)), new Regex(@"target <= 1 pt: (PASS|BELOW)$"));
        StringAssert.Matches(run.OutLines.Single(l => l.Contains("default transfer recipe", StringComparison.Ordinal)), new Regex(@"target >= \+3 pts: (PASS|BELOW)$"));
    }

    [TestMethod]
    public void TheIconSplitIsFixedDisjointAndFreeOfAliasesAndCopies()
    {
        var task = OxygenIconsTask.Create(null, perClass: 30, testPerClass: 50);
        var again = OxygenIconsTask.Create(null, perClass: 30, testPerClass: 50);

        CollectionAssert.AreEqual(task.Train.ToArray(), again.Train.ToArray(), "the split is the same on every run");
        CollectionAssert.AreEqual(OxygenIconsTask.Classes.ToArray(), task.Classes.ToArray());
        Assert.AreEqual(6 * 30, task.Train.Count);
        Assert.IsTrue(task.Test.Count > 6 * 10, $"{task.Test.Count} test icons");
        var all = task.Train.Concat(task.Test).ToList();
        Assert.AreEqual(0, all.Count(i => (File.GetAttributes(i.ImagePath) & FileAttributes.ReparsePoint) != 0), "aliases (symbolic links) are left out");
        var byContent = all.GroupBy(i => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(i.ImagePath)))).Where(g => g.Count() > 1).ToList();
        Assert.AreEqual(0, byContent.Count, $"byte-identical icons in the task: {string.Join(", ", byContent.SelectMany(g => g).Select(i => i.ImagePath))}");
        Assert.IsTrue(task.Train.All(i => Path.GetFileName(Path.GetDirectoryName(i.ImagePath)) == i.Label), "each icon is labelled with its folder");
    }

    [TestMethod]
    public void VerdictsCompareWithTheAnchorOfTheSameTask()
    {
        TransferResult Result(TransferRecipe recipe, double accuracy) => new("t", recipe, 96, accuracy, accuracy, 1, 1, 10, 10);
        var verdicts = TransferBenchText.Verdicts(
        [
            Result(TransferRecipe.MlNetFeaturizer, 0.80), Result(TransferRecipe.CnnZooFeaturizerAnchorPreprocessing, 0.815), Result(TransferRecipe.CnnZooFineTuned, 0.83),
        ]).ToList();

        Assert.AreEqual(2, verdicts.Count);
        StringAssert.EndsWith(verdicts[0], "|difference| 1.5 pts, target <= 1 pt: BELOW");
        StringAssert.EndsWith(verdicts[1], "+3.0 pts, target >= +3 pts: PASS");
    }

    [TestMethod]
    public void BadBenchTransferArgumentsAreUsageErrors()
    {
        foreach (var args in new[]
        {
            new[] { "bench-transfer", "--recipes", "Magic" },
            ["bench-transfer", "--tasks", "cifar"],
            ["bench-transfer", "--input-size", "8"],
            ["bench-transfer", "--icons-per-class", "0"],
        })
        {
            var run = BenchRun.Of(args);
            Assert.AreEqual(ExitCodes.Usage, run.ExitCode, $"{string.Join(' ', args)}: {run}");
            Assert.AreEqual(1, run.ErrLines.Length, $"{string.Join(' ', args)}: {run}");
        }
    }
}
