using CnnZoo.Architectures.Weights.Pickle;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Weights;

/// <summary>
/// Turns the chosen tensor descriptions into CPU tensors: every shape, stride, offset and storage length is checked
/// before the first allocation, then each storage is read once and the tensors that view it are cut from it.
/// </summary>
internal static class PyTorchTensors
{
    private const int MaxRank = 64;

    public static StateDict Materialize(IReadOnlyList<(string Key, TensorRef Tensor)> entries, IPyTorchStorages storages, string path)
    {
        foreach (var (key, tensor) in entries) Validate(key, tensor, storages, path);

        var built = new Tensor?[entries.Count];
        try
        {
            // Storages in order of first use; each is read once however many tensors view it.
            foreach (var group in entries.Select((entry, index) => (entry.Tensor, index)).GroupBy(e => e.Tensor.Storage.Key))
            {
                var storageRef = group.First().Tensor.Storage;
                using var stream = storages.OpenStorage(storageRef.Key);
                using var storage = ReadStorage(stream, storageRef, path);
                foreach (var (tensor, index) in group) built[index] = Cut(storage, tensor);
            }
            var result = new StateDict();
            for (int i = 0; i < entries.Count; i++)
            {
                result.Add(entries[i].Key, built[i]!);
                built[i] = null; // owned by the result from here on
            }
            return result;
        }
        catch (ArgumentException ex) // StateDict.Add: a key repeated (possible only in a hand-made pickle)
        {
            DisposeAll(built);
            throw PyTorchErrors.Corrupt(path, ex.Message);
        }
        catch
        {
            DisposeAll(built);
            throw;
        }
    }

    private static void Validate(string key, TensorRef tensor, IPyTorchStorages storages, string path)
    {
        var storage = tensor.Storage;
        if (tensor.Size.Length > MaxRank || tensor.Size.Length != tensor.Stride.Length)
            throw PyTorchErrors.Corrupt(path, $"tensor '{key}' has size {ElementTypes.FormatShape(tensor.Size)} and stride {ElementTypes.FormatShape(tensor.Stride)}");
        var elementSize = ElementTypes.SizeOf(storage.DType)!.Value;
        var storageBytes = ElementTypes.ByteCount([storage.ElementCount], elementSize);
        var stored = storages.StorageLength(storage.Key);
        if (stored is null || stored != storageBytes)
            throw PyTorchErrors.Corrupt(path, $"storage '{storage.Key}' of tensor '{key}' should hold {storage.ElementCount} {storage.DType} elements ({storageBytes?.ToString() ?? "too many"} bytes) but the file has {stored?.ToString() ?? "no such storage"}");
        if (LastElement(tensor) is long last && last >= storage.ElementCount)
            throw PyTorchErrors.Corrupt(path, $"tensor '{key}' ({ElementTypes.FormatShape(tensor.Size)} at offset {tensor.Offset}, stride {ElementTypes.FormatShape(tensor.Stride)}) reaches element {last} of storage '{storage.Key}', which holds {storage.ElementCount}");
    }

    /// <summary>The largest storage index the view touches, null for an empty tensor, long.MaxValue on overflow.</summary>
    private static long? LastElement(TensorRef tensor)
    {
        if (tensor.Size.Any(d => d == 0)) return null;
        try
        {
            var last = tensor.Offset;
            for (int d = 0; d < tensor.Size.Length; d++) last = checked(last + (tensor.Size[d] - 1) * tensor.Stride[d]);
            return last;
        }
        catch (OverflowException)
        {
            return long.MaxValue;
        }
    }

    private static Tensor ReadStorage(Stream stream, StorageRef storage, string path)
    {
        try { return TensorBytes.Read(stream, storage.DType, [storage.ElementCount]); }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or IOException)
        {
            throw PyTorchErrors.Corrupt(path, $"storage '{storage.Key}' is truncated or unreadable ({ex.Message})");
        }
    }

    private static Tensor Cut(Tensor storage, TensorRef tensor)
    {
        // The common case, a tensor that is its whole storage, shares the storage's memory: no copy.
        if (tensor.Offset == 0 && IsContiguous(tensor) && tensor.Size.Aggregate(1L, (a, b) => a * b) == storage.shape[0])
            return storage.view(tensor.Size);
        // Anything else (a slice, a transpose, an expand) becomes a contiguous tensor of its own.
        using var view = storage.as_strided(tensor.Size, tensor.Stride, tensor.Offset);
        return view.is_contiguous() ? view.clone() : view.contiguous();
    }

    private static bool IsContiguous(TensorRef tensor)
    {
        long expected = 1;
        for (int d = tensor.Size.Length - 1; d >= 0; d--)
        {
            if (tensor.Size[d] != 1 && tensor.Stride[d] != expected) return false;
            expected *= tensor.Size[d];
        }
        return true;
    }

    private static void DisposeAll(Tensor?[] tensors)
    {
        foreach (var tensor in tensors) tensor?.Dispose();
    }
}
