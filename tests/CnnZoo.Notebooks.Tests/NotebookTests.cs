using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;

namespace CnnZoo.Notebooks.Tests;

/// <summary>
/// Every notebook in samples/Notebooks runs top to bottom without a cell error, headlessly (dotnet-repl, one process per
/// notebook), against CnnZoo packages packed from this build into artifacts/packages under a fresh version: the
/// notebooks' first cell says <c>#r "nuget: CnnZoo.MLNet, *-*"</c> as a user's would. Small data: the notebooks read
/// CNNZOO_NOTEBOOK_ROWS and CNNZOO_NOTEBOOK_EPOCHS. The executed copies land in artifacts/notebooks.
/// Slow: packing and running the notebooks takes minutes (see <see cref="NotebookFileTests"/> for the quick checks).
/// </summary>
[TestCategory("Slow")]
[TestClass]
public sealed class NotebookTests
{
    /// <summary>Training rows and epochs the notebooks use under test (each notebook has fuller defaults for a person).</summary>
    private static readonly Dictionary<string, string> SmallData = new()
    {
        ["CNNZOO_NOTEBOOK_ROWS"] = "400",
        ["CNNZOO_NOTEBOOK_EPOCHS"] = "1",
    };

    private static string? _packedVersion;

    public TestContext TestContext { get; set; } = null!;

    /// <summary>Packs CnnZoo.Architectures and CnnZoo.MLNet from this build (eng/pack.sh) and restores the dotnet-repl tool.</summary>
    [ClassInitialize]
    public static void PackAndRestoreTools(TestContext context)
    {
        _packedVersion = PackedPackages.Version;
        context.WriteLine($"packed CnnZoo {_packedVersion}");

        var tools = Repository.Run("dotnet", ["tool", "restore"], Repository.Root, TimeSpan.FromMinutes(5));
        Assert.AreEqual(0, tools.ExitCode, $"dotnet tool restore failed:\n{tools}");
    }

    public static IEnumerable<object[]> Notebooks =>
        Directory.EnumerateFiles(Repository.NotebooksFolder, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(name => new object[] { name! });

    [TestMethod]
    [DynamicData(nameof(Notebooks))]
    public void RunsTopToBottomWithoutCellErrors(string notebook)
    {
        Directory.CreateDirectory(Repository.OutputFolder);
        var executed = Path.Combine(Repository.OutputFolder, Path.GetFileNameWithoutExtension(notebook) + ".out.ipynb");
        File.Delete(executed);

        var run = Repository.Run("dotnet", ["repl", "--run", notebook, "--exit-after-run", "--output-path", executed],
            Repository.NotebooksFolder, TimeSpan.FromMinutes(10), SmallData);
        var timing = string.Create(CultureInfo.InvariantCulture, $"{notebook}: {run.Elapsed.TotalSeconds:0.0} s (CnnZoo {_packedVersion})");
        TestContext.WriteLine(timing);
        Console.WriteLine(timing);

        Assert.IsNotNull(run.ExitCode, $"{notebook} did not finish within 10 minutes.\n{run}");
        Assert.IsTrue(File.Exists(executed), $"dotnet repl wrote no executed notebook for {notebook}.\n{run}");
        var failures = Notebook.Load(executed).CodeCells
            .SelectMany(cell => cell.Errors().Select(error => $"cell {cell.Index} ({cell.FirstLine}): {error}"))
            .ToList();
        Assert.AreEqual(0, failures.Count, $"{notebook} has failing cells (executed copy: {executed}):\n{string.Join("\n", failures)}");
        Assert.AreEqual(0, run.ExitCode, $"{notebook}: dotnet repl reported a failure without an error output.\n{run}");
    }

    [TestMethod]
    public void PackagesDependOnEachOtherAndShipTheNotebookExtension()
    {
        Assert.IsNotNull(_packedVersion);
        var folder = PackedPackages.Folder;
        using (var mlnet = ZipFile.OpenRead(Path.Combine(folder, $"CnnZoo.MLNet.{_packedVersion}.nupkg")))
        {
            var dependencies = Dependencies(mlnet);
            Assert.AreEqual(_packedVersion, dependencies.GetValueOrDefault("CnnZoo.Architectures"), "CnnZoo.MLNet must depend on the CnnZoo.Architectures package of the same version");
            Assert.AreEqual(_packedVersion, dependencies.GetValueOrDefault("CnnZoo.Onnx"), "CnnZoo.MLNet depends on CnnZoo.Onnx of the same version (CnnTransformer.ExportOnnx)");
            Assert.IsFalse(dependencies.Keys.Any(id => id.Contains("Publicizer", StringComparison.OrdinalIgnoreCase)), $"the build-only Publicizer leaked into the dependencies: {string.Join(", ", dependencies.Keys)}");
            Assert.IsTrue(dependencies.ContainsKey("TorchSharp") && !dependencies.ContainsKey("TorchSharp-cpu"), $"the library references TorchSharp only (apps add a runtime): {string.Join(", ", dependencies.Keys)}");
            var charting = dependencies.Keys.Where(id => id.StartsWith("OxyPlot", StringComparison.Ordinal) || id.Contains("HarfBuzz", StringComparison.Ordinal) || id.StartsWith("Spectre", StringComparison.Ordinal)).ToList();
            Assert.AreEqual(0, charting.Count, $"a training/scoring app must not pull charting or console packages: {string.Join(", ", charting)}");
            var entries = mlnet.Entries.Select(e => e.FullName).ToList();
            CollectionAssert.Contains(entries, "lib/net10.0/CnnZoo.MLNet.dll");
            CollectionAssert.Contains(entries, "lib/net10.0/CnnZoo.MLNet.Bridge.dll", "the ML.NET bridge ships inside CnnZoo.MLNet");
            CollectionAssert.DoesNotContain(entries, "interactive-extensions/dotnet/extension.dib");
        }
        using (var reports = ZipFile.OpenRead(Path.Combine(folder, $"CnnZoo.MLNet.Reports.{_packedVersion}.nupkg")))
        {
            Assert.AreEqual(_packedVersion, Dependencies(reports).GetValueOrDefault("CnnZoo.MLNet"), "CnnZoo.MLNet.Reports must depend on the CnnZoo.MLNet package of the same version");
            CollectionAssert.Contains(reports.Entries.Select(e => e.FullName).ToList(), "interactive-extensions/dotnet/extension.dib");
        }
        using var architectures = ZipFile.OpenRead(Path.Combine(folder, $"CnnZoo.Architectures.{_packedVersion}.nupkg"));
        CollectionAssert.AreEquivalent(new[] { "TorchSharp" }, Dependencies(architectures).Keys.ToArray());
    }

    private static Dictionary<string, string> Dependencies(ZipArchive package)
    {
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return XDocument.Load(stream).Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => ((string)e.Attribute("version")!).Trim('[', ']'));
    }
}
