// Usage: Publicizer <input.dll> <output.dll>
// Copies an assembly with every type, method and field made public, for use as a compile-time reference only.
// The genuine assembly is what loads at run time; IgnoresAccessChecksToAttribute lets the CLR accept the access.
using Mono.Cecil;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Publicizer <input.dll> <output.dll>");
    return 2;
}

var (input, output) = (args[0], args[1]);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
var resolver = new DefaultAssemblyResolver();
resolver.AddSearchDirectory(Path.GetDirectoryName(Path.GetFullPath(input))!);
using var assembly = AssemblyDefinition.ReadAssembly(input, new ReaderParameters { AssemblyResolver = resolver });

foreach (var type in assembly.MainModule.GetTypes())
{
    if (IsCompilerGenerated(type.Name)) continue;
    type.IsPublic = !type.IsNested;
    type.IsNestedPublic = type.IsNested;
    foreach (var method in type.Methods)
    {
        if (IsCompilerGenerated(method.Name)) continue;
        method.IsPublic = true;
    }
    var eventNames = type.Events.Select(e => e.Name).ToHashSet();
    foreach (var field in type.Fields)
    {
        // Event backing fields share the event's name; making them public would make every use ambiguous.
        if (IsCompilerGenerated(field.Name) || eventNames.Contains(field.Name)) continue;
        field.IsPublic = true;
    }
}

var temporary = output + ".tmp";
assembly.Write(temporary);
File.Move(temporary, output, overwrite: true);
return 0;

static bool IsCompilerGenerated(string name) => name.Contains('<', StringComparison.Ordinal);
