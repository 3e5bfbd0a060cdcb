using static TorchSharp.torch;

namespace CnnZoo.Architectures.Weights.Pickle;

// The Python values a state_dict pickle can build. Plain data maps to .NET types: None → null, bool, int → long
// (or BigInteger), float → double, str → string, bytes → byte[], list/set → List<object?>, tuple → object?[],
// dict → PyDict. Nothing here allocates a native tensor: tensors stay descriptions until they are chosen.

/// <summary>A Python dict (or OrderedDict): entries in insertion order, later assignments replacing earlier ones.</summary>
internal sealed class PyDict
{
    private readonly List<KeyValuePair<object, object?>> _entries = new();
    private readonly Dictionary<object, int> _index = new();

    public IReadOnlyList<KeyValuePair<object, object?>> Entries => _entries;

    public void Set(object? key, object? value)
    {
        // Unhashable keys (lists, dicts) would fail in Python too; null (None) is a legal Python key.
        var k = key ?? PyNone.Key;
        if (_index.TryGetValue(k, out var at)) _entries[at] = new(k, value);
        else
        {
            _index.Add(k, _entries.Count);
            _entries.Add(new(k, value));
        }
    }

    public bool TryGet(string key, out object? value)
    {
        value = null;
        if (!_index.TryGetValue(key, out var at)) return false;
        value = _entries[at].Value;
        return true;
    }
}

/// <summary>Stands in for Python's None as a dict key (a .NET dictionary cannot hold a null key).</summary>
internal sealed class PyNone
{
    public static readonly PyNone Key = new();
    public override string ToString() => "None";
}

/// <summary>A module-level Python name the pickle referred to (only allow-listed ones are ever created).</summary>
internal sealed record PyGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>One storage of the checkpoint: its record key (<c>data/KEY</c> in a zip), element type and element count.</summary>
internal sealed record StorageRef(string Key, ScalarType DType, long ElementCount);

/// <summary>A tensor as <c>torch._utils._rebuild_tensor_v2</c> describes it: a strided view into a storage.</summary>
internal sealed record TensorRef(StorageRef Storage, long Offset, long[] Size, long[] Stride);
