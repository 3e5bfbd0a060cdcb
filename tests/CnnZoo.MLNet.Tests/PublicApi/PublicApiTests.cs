using System.Reflection;
using CnnZoo.Tests;
using PublicApiGenerator;

namespace CnnZoo.MLNet.Tests;

/// <summary>
/// The public API of every shipped assembly, checked against the committed listing (PublicApi/*.approved.txt), and
/// free of types a user cannot reference (ML.NET internals above all).
/// </summary>
[TestClass]
public sealed class PublicApiTests
{
    private static readonly Assembly[] Shipped =
    [
        typeof(CnnZoo.Architectures.ModelZoo).Assembly,
        typeof(CnnZooCatalog).Assembly,
        typeof(CnnZoo.MLNet.Comparison.ComparisonReport).Assembly,
    ];

    public static IEnumerable<object[]> Assemblies => Shipped.Select(a => new object[] { a.GetName().Name! });

    [TestMethod]
    [DynamicData(nameof(Assemblies))]
    public void PublicApiMatchesTheCommittedListing(string assemblyName)
    {
        var assembly = Shipped.Single(a => a.GetName().Name == assemblyName);
        var api = assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false }).ReplaceLineEndings("\n");
        var approved = Path.Combine(RepositoryRoot.Path, "tests", "CnnZoo.MLNet.Tests", "PublicApi", assemblyName + ".approved.txt");
        var received = Path.ChangeExtension(approved, null).Replace(".approved", ".received", StringComparison.Ordinal) + ".txt";
        if (Environment.GetEnvironmentVariable("CNNZOO_ACCEPT_API") == "1") File.WriteAllText(approved, api);
        var expected = File.Exists(approved) ? File.ReadAllText(approved).ReplaceLineEndings("\n") : "";
        if (expected == api) { File.Delete(received); return; }
        File.WriteAllText(received, api);
        Assert.Fail($"The public API of {assemblyName} changed. Review `diff {approved} {received}`; if the change is intended, " +
            "run the tests with CNNZOO_ACCEPT_API=1 (or copy the received file over the approved one) and commit it.");
    }

    [TestMethod]
    [DynamicData(nameof(Assemblies))]
    public void PublicSignaturesNameOnlyPublicTypes(string assemblyName)
    {
        var assembly = Shipped.Single(a => a.GetName().Name == assemblyName);
        var hidden = assembly.GetExportedTypes()
            .SelectMany(type => SignatureTypes(type).Select(used => (Where: type.FullName, Used: used)))
            .SelectMany(pair => Flatten(pair.Used).Where(t => !t.IsVisible && !t.IsGenericParameter).Select(t => $"{pair.Where} uses {t.FullName} ({t.Assembly.GetName().Name})"))
            .Distinct()
            .ToList();
        Assert.AreEqual(0, hidden.Count, string.Join("\n", hidden));
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    // Base type, interfaces, and the types in every public or protected member's signature. An internal interface of the
    // same assembly is invisible to users (C# hides it); one from another assembly makes users' builds need that assembly.
    private static IEnumerable<Type> SignatureTypes(Type type)
    {
        if (type.BaseType is { } baseType) yield return baseType;
        foreach (var i in type.GetInterfaces().Where(i => i.IsVisible || i.Assembly != type.Assembly)) yield return i;
        foreach (var member in type.GetMembers(Declared))
        {
            switch (member)
            {
                case FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly: yield return f.FieldType; break;
                case MethodBase m when m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly:
                    if (m is MethodInfo mi) yield return mi.ReturnType;
                    foreach (var p in m.GetParameters()) yield return p.ParameterType;
                    break;
                case PropertyInfo p when p.GetAccessors(nonPublic: false).Length > 0: yield return p.PropertyType; break;
                case EventInfo e when e.AddMethod is { IsPublic: true } && e.EventHandlerType is { } handler: yield return handler; break;
            }
        }
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        yield return type;
        if (type.HasElementType) foreach (var t in Flatten(type.GetElementType()!)) yield return t;
        if (type.IsGenericType) foreach (var t in type.GetGenericArguments().SelectMany(Flatten)) yield return t;
    }
}
