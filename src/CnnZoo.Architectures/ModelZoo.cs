using TorchSharp;
using CnnZoo.Architectures.Models;

namespace CnnZoo.Architectures;

/// <summary>
/// The registry of every architecture: a strict, case-insensitive map from name to <see cref="ModelSpec"/>.
/// Adding an architecture is one family file in <c>Models/</c> plus one line here.
/// </summary>
public static class ModelZoo
{
    private static readonly ModelSpec[] Registered =
    [
        .. LeNet5.Specs,
        .. AlexNet.Specs,
        .. ZFNet.Specs,
        .. VGG.Specs,
        .. GoogLeNet.Specs,
        .. ResNet.Specs,
        .. CifarResNet.Specs,
    ];

    private static readonly IReadOnlyDictionary<string, ModelSpec> ByName = BuildIndex(Registered);

    /// <summary>Every registered architecture, in registry order (family by family, as in the lecture).</summary>
    public static IReadOnlyList<ModelSpec> All => Registered;

    /// <summary>Every registry key, in registry order.</summary>
    public static IEnumerable<string> Names => Registered.Select(s => s.Name);

    /// <summary>Looks up a spec; the name is case-insensitive.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known names.</exception>
    public static ModelSpec Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return TryGet(name, out var spec) ? spec
            : throw new ArgumentException($"Unknown architecture '{name}'. Known architectures: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Looks up a spec without throwing.</summary>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelSpec? spec)
        => ByName.TryGetValue(name.Trim(), out spec);

    /// <summary>
    /// Builds a model. Options are validated (class count, channels, input size against the architecture's minimum)
    /// before any native call; libtorch load failures surface as <see cref="TorchRuntimeUnavailableException"/>.
    /// </summary>
    public static CnnModel Create(string name, ModelOptions? options = null)
    {
        var spec = Get(name);
        var resolved = spec.Resolve(options ?? new ModelOptions());
        TorchRuntime.EnsureAvailable();
        var model = spec.Build(spec, resolved);
        if (resolved.Device.type != TorchSharp.DeviceType.CPU) model.to(resolved.Device);
        return model;
    }

    internal static IReadOnlyDictionary<string, ModelSpec> BuildIndex(IEnumerable<ModelSpec> specs)
    {
        var index = new Dictionary<string, ModelSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in specs)
        {
            if (!index.TryAdd(spec.Name, spec))
                throw new InvalidOperationException($"Architecture '{spec.Name}' is registered twice (names are case-insensitive).");
        }
        return index;
    }
}
