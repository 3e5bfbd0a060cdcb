using System.Collections;
using System.Diagnostics.CodeAnalysis;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Weights;

/// <summary>
/// An ordered, read-only name → tensor map that owns its tensors: <see cref="Dispose"/> frees them.
/// Returned by <see cref="StateDictFile.Read"/>; enumerates in file order.
/// </summary>
/// <remarks>
/// Keep a tensor beyond the dictionary's lifetime by taking a reference of your own first
/// (for example <c>tensor.alias()</c> or <c>tensor.clone()</c>).
/// </remarks>
public sealed class StateDict : IReadOnlyDictionary<string, Tensor>, IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> _entries = new();
    private readonly Dictionary<string, Tensor> _index = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Creates an empty state dict (use <see cref="Add"/> to fill it).</summary>
    public StateDict() { }

    /// <summary>Free-form string metadata that came with the file (safetensors <c>__metadata__</c>); empty if none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Appends an entry; the dictionary takes ownership of <paramref name="tensor"/>.</summary>
    /// <exception cref="ArgumentException">The key is already present.</exception>
    public void Add(string key, Tensor tensor)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _index.Add(key, tensor);
        _entries.Add(new(key, tensor));
    }

    /// <inheritdoc/>
    public Tensor this[string key] => _index[key];

    /// <summary>The keys, in order.</summary>
    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    /// <summary>The tensors, in key order.</summary>
    public IEnumerable<Tensor> Values => _entries.Select(e => e.Value);

    /// <inheritdoc/>
    public int Count => _entries.Count;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Tensor value) => _index.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Disposes every tensor this dictionary owns.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var (_, tensor) in _entries) tensor.Dispose();
    }
}
