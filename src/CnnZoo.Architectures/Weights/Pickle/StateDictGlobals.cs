using static TorchSharp.torch;

namespace CnnZoo.Architectures.Weights.Pickle;

/// <summary>
/// The only Python globals a state_dict pickle may name, and what calling each one builds. Everything else
/// (<c>os.system</c>, <c>builtins.eval</c>, any class) is refused when the pickle first names it, before it could be called.
/// </summary>
internal static class StateDictGlobals
{
    // Each builder returns null when the arguments have a form a state_dict pickle never gives.
    private static readonly Dictionary<string, Func<object?[], Func<string, Exception>, object?>> Callables = new(StringComparer.Ordinal)
    {
        ["collections.OrderedDict"] = (args, _) => args.Length == 0 ? new PyDict() : null,
        ["torch.Size"] = (args, _) => args is [object?[] dims] ? dims : null,
        ["torch._utils._rebuild_tensor"] = RebuildTensor,
        ["torch._utils._rebuild_tensor_v2"] = RebuildTensor,
        ["torch._utils._rebuild_parameter"] = RebuildParameter,
        ["torch._utils._rebuild_parameter_with_state"] = RebuildParameter,
    };

    // torch.<Name>Storage: the legacy typed-storage classes a persistent id names to give a storage's element type.
    private static readonly Dictionary<string, ScalarType> StorageTypes = new(StringComparer.Ordinal)
    {
        ["torch.FloatStorage"] = ScalarType.Float32,
        ["torch.DoubleStorage"] = ScalarType.Float64,
        ["torch.HalfStorage"] = ScalarType.Float16,
        ["torch.BFloat16Storage"] = ScalarType.BFloat16,
        ["torch.LongStorage"] = ScalarType.Int64,
        ["torch.IntStorage"] = ScalarType.Int32,
        ["torch.ShortStorage"] = ScalarType.Int16,
        ["torch.CharStorage"] = ScalarType.Int8,
        ["torch.ByteStorage"] = ScalarType.Byte,
        ["torch.BoolStorage"] = ScalarType.Bool,
        ["torch.ComplexFloatStorage"] = ScalarType.ComplexFloat32,
        ["torch.ComplexDoubleStorage"] = ScalarType.ComplexFloat64,
    };

    /// <summary>The allow-listed global, or null when the name is not one a state_dict needs.</summary>
    public static PyGlobal? TryResolve(string module, string name)
    {
        var qualified = $"{module}.{name}";
        return Callables.ContainsKey(qualified) || StorageTypes.ContainsKey(qualified) ? new PyGlobal(module, name) : null;
    }

    /// <summary>The element type of a storage class such as <c>torch.FloatStorage</c>, or null for any other value.</summary>
    public static ScalarType? StorageElementType(object? value) =>
        value is PyGlobal g && StorageTypes.TryGetValue(g.ToString(), out var dtype) ? dtype : null;

    /// <summary>What <c>callable(*args)</c> builds; <paramref name="fail"/> makes the exception for arguments of the wrong form.</summary>
    public static object? Call(PyGlobal callable, object?[] args, Func<string, Exception> fail) =>
        (Callables.TryGetValue(callable.ToString(), out var build) ? build(args, fail) : null)
        ?? throw fail($"{callable}() called with arguments it never takes in a state_dict ({args.Length} given)");

    // (storage, storage_offset, size, stride[, requires_grad, backward_hooks[, metadata]]): only the first four matter for weights.
    private static TensorRef? RebuildTensor(object?[] args, Func<string, Exception> fail) =>
        args.Length >= 4 && args[0] is StorageRef storage
            ? new TensorRef(storage, AsLong(args[1], "storage offset", fail), AsDims(args[2], "size", fail), AsDims(args[3], "stride", fail))
            : null;

    // (data, requires_grad, backward_hooks[, state]): a Parameter is its data as far as a state_dict goes.
    private static TensorRef? RebuildParameter(object?[] args, Func<string, Exception> _) =>
        args.Length >= 1 ? args[0] as TensorRef : null;

    private static long AsLong(object? value, string what, Func<string, Exception> fail) =>
        value is long n && n >= 0 ? n : throw fail($"tensor {what} is {value ?? "None"}, not a non-negative integer");

    private static long[] AsDims(object? value, string what, Func<string, Exception> fail) =>
        value is object?[] items ? items.Select(item => AsLong(item, what, fail)).ToArray() : throw fail($"tensor {what} is not a tuple");
}
