// CoreCLR honours this attribute (the BCL does not ship it): it lets this assembly use the internal members of ML.NET
// that it was compiled against through the publicised reference copies (see PublicizedMlNet.targets).
[assembly: System.Runtime.CompilerServices.IgnoresAccessChecksTo("Microsoft.ML.Core")]
[assembly: System.Runtime.CompilerServices.IgnoresAccessChecksTo("Microsoft.ML.Data")]

namespace System.Runtime.CompilerServices;

/// <summary>Declares that this assembly may access non-public members of the named assembly.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class IgnoresAccessChecksToAttribute(string assemblyName) : Attribute
{
    /// <summary>The assembly whose access checks are ignored.</summary>
    public string AssemblyName { get; } = assemblyName;
}
