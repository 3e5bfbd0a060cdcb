using System.Text.RegularExpressions;
using CnnZoo.Tests;

namespace CnnZoo.MLNet.Tests;

/// <summary>
/// ML.NET's internals are used in one place, CnnZoo.MLNet.Bridge (docs/architecture.md "The ML.NET seam"). The build
/// enforces it (only the bridge compiles against the publicised ML.NET); these tests keep it so.
/// </summary>
[TestClass]
public sealed class MlNetSeamTests
{
    private const string Bridge = "src/CnnZoo.MLNet.Bridge/";

    // ML.NET types and members that are internal (BestFriend) in Microsoft.ML.Core / Microsoft.ML.Data.
    private static readonly string[] InternalNames =
    [
        "RowToRowTransformerBase", "IRowMapper", "MapperBase", "RowToRowMapperTransform", "ModelLoadContext", "LoadableClass",
        "VersionInfo", "SignatureLoadModel", "SignatureLoadRowMapper", "IHostEnvironmentInternal", "IInternalCatalog",
        "CatalogUtils", "AnnotationUtils", "DefaultColumnNames", "BinarySaver", "Contracts.", "SchemaShape.Create",
        "TryFindColumn", "IgnoresAccessChecksTo", "PublicizedMlNet.targets",
    ];

    [TestMethod]
    public void NoCodeOutsideTheBridgeNamesAnMlNetInternal()
    {
        var pattern = new Regex(@"\b(" + string.Join("|", InternalNames.Select(Regex.Escape)) + ")", RegexOptions.Compiled);
        var offenders = SourceFiles()
            .Where(f => !f.Relative.StartsWith(Bridge, StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f.Full).Select((line, i) => (f.Relative, Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && pattern.IsMatch(l.Text))
            .Select(l => $"{l.Relative}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.AreEqual(0, offenders.Count, "ML.NET internals outside the bridge:\n" + string.Join("\n", offenders));
    }

    [TestMethod]
    public void OnlyTheBridgeCompilesAgainstThePublicisedMlNet()
    {
        var importers = Directory.EnumerateFiles(RepositoryRoot.Path, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && File.ReadAllText(p).Contains("PublicizedMlNet.targets", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(RepositoryRoot.Path, p).Replace('\\', '/'))
            .ToList();
        CollectionAssert.AreEqual(new[] { Bridge + "CnnZoo.MLNet.Bridge.csproj" }, importers);
    }

    [TestMethod]
    public void TheBridgeHasNoPublicTypes()
    {
        var bridge = typeof(CnnZooCatalog).Assembly.GetReferencedAssemblies().Single(a => a.Name == "CnnZoo.MLNet.Bridge");
        var exported = System.Reflection.Assembly.Load(bridge).GetExportedTypes();
        Assert.AreEqual(0, exported.Length, "Public bridge types: " + string.Join(", ", exported.Select(t => t.FullName)));
    }

    private static IEnumerable<(string Full, string Relative)> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.Exists(Path.Combine(RepositoryRoot.Path, "bench"))
                ? Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "bench"), "*.cs", SearchOption.AllDirectories) : [])
            .Select(p => (Full: p, Relative: Path.GetRelativePath(RepositoryRoot.Path, p).Replace('\\', '/')))
            .Where(f => !f.Relative.Contains("/obj/", StringComparison.Ordinal) && !f.Relative.Contains("/bin/", StringComparison.Ordinal));
}
