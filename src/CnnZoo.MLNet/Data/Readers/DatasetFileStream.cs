using System.IO.Compression;

namespace CnnZoo.MLNet.Data.Readers;

/// <summary>
/// Opens a dataset file for reading, decompressing it on the fly when it starts with the gzip
/// magic bytes 1f 8b (whatever its extension), and reads exact byte counts from it.
/// </summary>
internal static class DatasetFileStream
{
    /// <summary>Opens <paramref name="path"/>; the stream yields the decompressed bytes of a gzip file.</summary>
    public static Stream Open(string path, out bool compressed)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Dataset file '{path}' does not exist.", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        compressed = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        return compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>Fills <paramref name="buffer"/>; returns false when the stream ends first.</summary>
    public static bool TryReadExactly(Stream stream, Span<byte> buffer)
        => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;

    /// <summary>Counts the bytes left in the stream (reading them when the stream cannot seek).</summary>
    public static long CountRemaining(Stream stream)
    {
        if (stream.CanSeek)
            return stream.Length - stream.Position;
        long total = 0;
        var scratch = new byte[1 << 16];
        int read;
        while ((read = stream.Read(scratch)) > 0)
            total += read;
        return total;
    }

    /// <summary>Describes the file for error messages: its path and, when compressed, that sizes refer to the decompressed bytes.</summary>
    public static string Describe(string path, bool compressed)
        => compressed ? $"'{path}' (gzip; sizes are after decompression)" : $"'{path}'";
}
