namespace CnnZoo.Notebooks.Tests;

/// <summary>Checks on the committed notebook files themselves; they need no packing or running, so they stay in the fast subset.</summary>
[TestClass]
public sealed class NotebookFileTests
{
    [TestMethod]
    public void CommittedNotebooksHaveTheirOutputsStripped()
    {
        foreach (var path in NotebookPaths())
        {
            var withOutputs = Notebook.Load(path).CodeCells.Where(c => c.Outputs.Count > 0).Select(c => c.Index).ToList();
            Assert.AreEqual(0, withOutputs.Count, $"{Path.GetFileName(path)}: cells {string.Join(", ", withOutputs)} have outputs; commit notebooks with outputs cleared.");
        }
    }

    [TestMethod]
    public void NotebooksReferenceThePackageAsAUserWould()
    {
        foreach (var path in NotebookPaths())
        {
            var notebook = Notebook.Load(path);
            var first = notebook.CodeCells.First().Source;
            StringAssert.Contains(first, "#r \"nuget: CnnZoo.MLNet, *-*\"", $"{Path.GetFileName(path)}: the first code cell must reference the package");
            StringAssert.Contains(first, "#r \"nuget: CnnZoo.MLNet.Reports, *-*\"", $"{Path.GetFileName(path)}: the notebooks show charts and tables from the reports package");
            StringAssert.Contains(first, "#r \"nuget: TorchSharp-cpu", $"{Path.GetFileName(path)}: the first code cell must add a TorchSharp runtime");
            var fileReferences = notebook.CodeCells.Where(c => c.Source.Split('\n').Any(l => l.TrimStart().StartsWith("#r \"", StringComparison.Ordinal) && !l.Contains("nuget:", StringComparison.Ordinal))).ToList();
            Assert.AreEqual(0, fileReferences.Count, $"{Path.GetFileName(path)} references DLL files (cells {string.Join(", ", fileReferences.Select(c => c.Index))}); use the package.");
        }
    }

    private static IEnumerable<string> NotebookPaths()
    {
        var paths = Directory.EnumerateFiles(Repository.NotebooksFolder, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        Assert.IsTrue(paths.Count >= 5, $"expected the five notebooks in {Repository.NotebooksFolder}; found {paths.Count}");
        return paths;
    }
}
