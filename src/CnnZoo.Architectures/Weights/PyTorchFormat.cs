using CnnZoo.Architectures.Weights.Pickle;

namespace CnnZoo.Architectures.Weights;

/// <summary>
/// Reads the state_dict out of a <c>torch.save</c> zip file (<c>.pth</c>/<c>.pt</c>) without running any of it:
/// the pickle goes through <see cref="RestrictedUnpickler"/>, persistent ids become <see cref="StorageRef"/>s,
/// the state_dict is chosen by <see cref="PyTorchCheckpoint"/> and only its tensors are read.
/// </summary>
internal static class PyTorchFormat
{
    public static StateDict Read(Stream stream, string path)
    {
        using var archive = PyTorchZipArchive.Open(stream, path);
        var storages = new Dictionary<string, StorageRef>(StringComparer.Ordinal);
        var root = new RestrictedUnpickler(
            archive.ReadPickle(),
            id => StorageFromPersistentId(id, storages, path),
            what => PyTorchErrors.Corrupt(path, what),
            what => PyTorchErrors.NotAStateDict(path, what)).Load();
        return PyTorchTensors.Materialize(PyTorchCheckpoint.SelectStateDict(root, path), archive, path);
    }

    /// <summary>
    /// <c>('storage', torch.FloatStorage, key, location, element_count)</c>, as <c>torch.save</c>'s persistent_id writes it;
    /// the same key always names the same storage (tensors may share one).
    /// </summary>
    private static StorageRef StorageFromPersistentId(object? id, Dictionary<string, StorageRef> storages, string path)
    {
        if (id is not object?[] { Length: 5 } fields || fields[0] is not "storage")
            throw PyTorchErrors.NotAStateDict(path, $"its pickle refers to a persistent object that is not a tensor storage");
        if (StateDictGlobals.StorageElementType(fields[1]) is not { } dtype)
            throw PyTorchErrors.NotAStateDict(path, $"a storage has type {fields[1] ?? "None"}, not one of torch's typed storages");
        if (fields[2] is not string key || fields[4] is not long count || count < 0)
            throw PyTorchErrors.Corrupt(path, "a storage's persistent id has no string key or element count");

        if (!storages.TryGetValue(key, out var storage))
            storages.Add(key, storage = new StorageRef(key, dtype, count));
        else if (storage.DType != dtype || storage.ElementCount != count)
            throw PyTorchErrors.Corrupt(path, $"storage '{key}' is described twice with different types or sizes");
        return storage;
    }
}
