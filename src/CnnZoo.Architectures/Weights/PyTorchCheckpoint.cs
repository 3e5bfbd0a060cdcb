using CnnZoo.Architectures.Weights.Pickle;

namespace CnnZoo.Architectures.Weights;

/// <summary>
/// Finds the state_dict in an unpickled PyTorch file: the top-level dict itself when every value is a tensor,
/// else the tensor dict a training checkpoint keeps under one of <see cref="WrapperKeys"/>.
/// </summary>
internal static class PyTorchCheckpoint
{
    /// <summary>The checkpoint keys that may hold the state_dict, in the order they are tried.</summary>
    public static readonly IReadOnlyList<string> WrapperKeys = ["state_dict", "model"];

    private const int KeysShown = 10;

    public static IReadOnlyList<(string Key, TensorRef Tensor)> SelectStateDict(object? root, string path)
    {
        if (root is not PyDict dict)
            throw PyTorchErrors.NotAStateDict(path, $"it holds {Describe(root)}, not a dict of tensors");
        if (AsTensorDict(dict) is { } stateDict) return stateDict;

        foreach (var wrapper in WrapperKeys)
            if (dict.TryGet(wrapper, out var inner) && inner is PyDict innerDict && AsTensorDict(innerDict) is { } wrapped)
                return wrapped;

        var keys = string.Join(", ", dict.Entries.Take(KeysShown).Select(e => $"'{e.Key}'"));
        var firstOther = dict.Entries.First(e => e.Value is not TensorRef);
        throw PyTorchErrors.NotAStateDict(path,
            $"its dict (keys {keys}{(dict.Entries.Count > KeysShown ? ", ..." : "")}) maps '{firstOther.Key}' to {Describe(firstOther.Value)}, "
            + $"not a tensor, and has no tensor dict under {string.Join(" or ", WrapperKeys.Select(k => $"'{k}'"))}");
    }

    private static List<(string, TensorRef)>? AsTensorDict(PyDict dict)
    {
        var tensors = new List<(string, TensorRef)>(dict.Entries.Count);
        foreach (var (key, value) in dict.Entries)
        {
            if (key is not string name || value is not TensorRef tensor) return null;
            tensors.Add((name, tensor));
        }
        return tensors;
    }

    private static string Describe(object? value) => value switch
    {
        null => "None",
        PyDict => "a dict",
        List<object?> => "a list",
        object?[] => "a tuple",
        string => "a string",
        long or System.Numerics.BigInteger => "an int",
        double => "a float",
        bool => "a bool",
        TensorRef => "a tensor",
        _ => $"a {value.GetType().Name}",
    };
}
