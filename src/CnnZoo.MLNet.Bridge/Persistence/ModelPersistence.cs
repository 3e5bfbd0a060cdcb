using CnnZoo.MLNet.Bridge.Mapping;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Bridge.Persistence;

/// <summary>
/// Saves CnnZoo entries into ML.NET model files, and loads them back through the factories CnnZoo.MLNet registers.
/// ML.NET finds the loader by the loader signature and this assembly's name, both written into the entry.
/// </summary>
internal static class ModelPersistence
{
    // The assembly whose module initializer registers the factories (it references this one, not the reverse).
    private const string FactoryAssembly = "CnnZoo.MLNet";
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ModelKind, Func<IHostEnvironment, ModelReader, BridgedTransformer>> Factories = new();

    /// <summary>Registers how to rebuild a transformer of <paramref name="kind"/> from its entry (the bridge of the public transformer).</summary>
    public static void Register(ModelKind kind, Func<IHostEnvironment, ModelReader, BridgedTransformer> create) => Factories[kind] = create;

    internal static void Save(IHostEnvironment env, ModelSaveContext ctx, IPersistentModel model)
    {
        ctx.CheckAtModel();
        ctx.SetVersionInfo(VersionOf(model.Kind));
        model.Save(new ModelWriter(env, ctx));
    }

    internal static BridgedTransformer Load(IHostEnvironment env, ModelLoadContext ctx, ModelKind kind)
    {
        MlNetCompatibility.EnsureSupported();
        ctx.CheckAtModel(VersionOf(kind));
        if (!Factories.TryGetValue(kind, out var create))
        {
            var assembly = System.Reflection.Assembly.Load(FactoryAssembly);
            System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
            if (!Factories.TryGetValue(kind, out create))
                throw new InvalidOperationException($"{FactoryAssembly} registered no loader for '{kind.LoaderSignature}' entries ({kind.Description}).");
        }
        return create(env, new ModelReader(env, ctx));
    }

    private static VersionInfo VersionOf(ModelKind kind) => new(
        modelSignature: kind.ModelSignature,
        verWrittenCur: kind.Version,
        verReadableCur: kind.Version,
        verWeCanReadBack: kind.Version,
        loaderSignature: kind.LoaderSignature,
        loaderAssemblyName: typeof(ModelPersistence).Assembly.FullName);
}
