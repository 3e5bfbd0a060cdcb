using System.IO.Compression;
using System.Text;

namespace CnnZoo.Architectures.Weights;

/// <summary>
/// The zip layout <c>torch.save</c> writes by default since PyTorch 1.6: one top folder (<c>archive/</c>, or the file's
/// stem in older versions) holding <c>data.pkl</c> (the pickle), <c>data/KEY</c> (one raw storage per key) and
/// <c>byteorder</c> (<c>little</c> or <c>big</c>; absent in files older than PyTorch 1.10, which were little-endian).
/// </summary>
internal sealed class PyTorchZipArchive : IPyTorchStorages, IDisposable
{
    private const string PickleName = "data.pkl";
    private readonly ZipArchive _zip;
    private readonly string _prefix;
    private readonly string _path;

    private PyTorchZipArchive(ZipArchive zip, string prefix, string path)
    {
        _zip = zip;
        _prefix = prefix;
        _path = path;
    }

    /// <summary>Opens the archive and checks its layout; the stream stays owned by the caller.</summary>
    public static PyTorchZipArchive Open(Stream stream, string path)
    {
        ZipArchive zip;
        try { zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException ex) { throw PyTorchErrors.Corrupt(path, $"its zip directory is unreadable (truncated?): {ex.Message}"); }

        try
        {
            var pickles = zip.Entries.Where(e => e.FullName.EndsWith("/" + PickleName, StringComparison.Ordinal)
                                                 && e.FullName.IndexOf('/') == e.FullName.Length - PickleName.Length - 1).ToList();
            if (pickles.Count != 1)
                throw PyTorchErrors.Corrupt(path, $"the zip holds {pickles.Count} top-level '*/{PickleName}' entries, not 1 (not a torch.save file?)");
            var archive = new PyTorchZipArchive(zip, pickles[0].FullName[..^PickleName.Length], path);
            archive.CheckByteOrder();
            return archive;
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>The bytes of <c>data.pkl</c>.</summary>
    public byte[] ReadPickle() => ReadAll(Entry(PickleName) ?? throw PyTorchErrors.Corrupt(_path, $"'{PickleName}' is missing"));

    /// <summary>The stored byte length of storage <paramref name="key"/>, or null if the archive lacks it.</summary>
    public long? StorageLength(string key) => Entry("data/" + key)?.Length;

    /// <summary>Opens storage <paramref name="key"/> for reading; the caller disposes the stream.</summary>
    public Stream OpenStorage(string key) =>
        OpenEntry(Entry("data/" + key) ?? throw PyTorchErrors.Corrupt(_path, $"storage 'data/{key}' is missing"));

    public void Dispose() => _zip.Dispose();

    private void CheckByteOrder()
    {
        if (Entry("byteorder") is not { } entry) return;
        var order = Encoding.ASCII.GetString(ReadAll(entry)).Trim();
        if (order != "little")
            throw PyTorchErrors.Corrupt(_path, $"its byteorder is '{order}'; only little-endian files are read");
    }

    private ZipArchiveEntry? Entry(string name) => _zip.GetEntry(_prefix + name);

    private byte[] ReadAll(ZipArchiveEntry entry)
    {
        if (entry.Length > Array.MaxLength) throw PyTorchErrors.Corrupt(_path, $"'{entry.FullName}' is {entry.Length} bytes, too large");
        using var stream = OpenEntry(entry);
        var bytes = new byte[entry.Length];
        try { stream.ReadExactly(bytes); }
        catch (EndOfStreamException) { throw PyTorchErrors.Corrupt(_path, $"'{entry.FullName}' is truncated"); }
        return bytes;
    }

    private Stream OpenEntry(ZipArchiveEntry entry)
    {
        try { return entry.Open(); }
        catch (InvalidDataException ex) { throw PyTorchErrors.Corrupt(_path, $"'{entry.FullName}' is unreadable: {ex.Message}"); }
    }
}
