using System.Reflection;
using CnnZoo.Onnx.Pretrained;

namespace CnnZoo.Onnx.Tests;

/// <summary>CnnZoo.Onnx's public surface names only types a user can reference (no OnnxSharp or internal types).</summary>
[TestClass]
public sealed class PublicApiTests
{
    [TestMethod]
    public void PublicSignaturesUseOnlyPublicTypes()
    {
        var assembly = typeof(MlNetResNet18).Assembly;
        var exported = assembly.GetExportedTypes();
        CollectionAssert.AreEquivalent(new[] { "ChannelOrder", "InputConvention", "MlNetResNet18", "OnnxExport", "OnnxExportOptions", "OnnxInputNormalization", "PretrainedModel" }, exported.Select(t => t.Name).ToArray());
        const BindingFlags visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in exported)
            foreach (var member in type.GetMembers(visible))
            {
                var types = member switch
                {
                    MethodBase method => method.GetParameters().Select(p => p.ParameterType).Append((method as MethodInfo)?.ReturnType ?? typeof(void)),
                    PropertyInfo property => [property.PropertyType],
                    FieldInfo field => [field.FieldType],
                    _ => [],
                };
                foreach (var used in types.SelectMany(Flatten))
                    Assert.IsTrue(used.IsVisible, $"{type.Name}.{member.Name} exposes {used}");
            }
    }

    private static IEnumerable<Type> Flatten(Type type) =>
        type.HasElementType ? Flatten(type.GetElementType()!)
        : type.IsGenericType ? type.GetGenericArguments().SelectMany(Flatten).Prepend(type.GetGenericTypeDefinition())
        : [type];
}
