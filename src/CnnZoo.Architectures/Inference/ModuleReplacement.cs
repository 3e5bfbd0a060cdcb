using System.Reflection;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Inference;

/// <summary>
/// Swaps a submodule for another in its parent: zoo layers call their submodules through fields, a Sequential through
/// its module list, so both are rewritten (TorchSharp has no public way), and the registration is replaced under the same
/// name. Used only on inference copies.
/// </summary>
internal static class ModuleReplacement
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>True when <paramref name="parent"/> reaches <paramref name="child"/> through a field or its Sequential list.</summary>
    public static bool CanReplace(nn.Module parent, nn.Module child) =>
        parent is Sequential sequential ? SequentialList(sequential).Any(m => ReferenceEquals(m, child)) : ModuleFields(parent, child).Any();

    /// <summary>Replaces every reference of <paramref name="parent"/> to <paramref name="child"/> by <paramref name="replacement"/>.</summary>
    public static void Replace(nn.Module parent, nn.Module child, string name, nn.Module<Tensor, Tensor> replacement)
    {
        if (parent is Sequential sequential)
        {
            var list = SequentialList(sequential);
            for (var i = 0; i < list.Count; i++)
                if (ReferenceEquals(list[i], child)) list[i] = replacement; // Sequential lists its children from here
            return;
        }
        foreach (var field in ModuleFields(parent, child).ToList()) field.SetValue(parent, replacement);
        var register = typeof(nn.Module).GetMethod("register_module", Instance, [typeof(string), typeof(nn.Module)])!;
        register.Invoke(parent, [name, null]); // TorchSharp refuses to re-register a name that is taken
        register.Invoke(parent, [name, replacement]);
    }

    private static IEnumerable<FieldInfo> ModuleFields(nn.Module parent, nn.Module child)
    {
        for (var type = parent.GetType(); type is not null && type != typeof(nn.Module); type = type.BaseType)
            foreach (var field in type.GetFields(Instance))
                if (typeof(nn.Module).IsAssignableFrom(field.FieldType) && ReferenceEquals(field.GetValue(parent), child))
                    yield return field;
    }

    private static List<nn.IModule<Tensor, Tensor>> SequentialList(Sequential sequential) =>
        (List<nn.IModule<Tensor, Tensor>>)typeof(Sequential).GetField("_modules", Instance)!.GetValue(sequential)!;
}
