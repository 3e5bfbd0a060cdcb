namespace CnnZoo.Architectures.Weights;

/// <summary>Where a PyTorch file keeps the raw bytes of its storages, by record key.</summary>
internal interface IPyTorchStorages
{
    /// <summary>The byte length of storage <paramref name="key"/>, or null if the file lacks it.</summary>
    long? StorageLength(string key);

    /// <summary>Opens storage <paramref name="key"/> positioned at its first byte; the caller disposes the stream.</summary>
    Stream OpenStorage(string key);
}
