using System.Buffers.Binary;

namespace CnnZoo.MLNet.Data.Readers;

/// <summary>
/// Reads an unsigned-byte IDX file (the MNIST format): a big-endian magic number
/// 0x000008DD (DD = number of dimensions), DD big-endian Int32 sizes, then the bytes.
/// Only the first <c>maxItems</c> items are kept; the rest is checked for length and skipped.
/// </summary>
internal sealed class IdxFile
{
    /// <summary>The magic number of an IDX images file: unsigned bytes, 3 dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of an IDX labels file: unsigned bytes, 1 dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    private IdxFile(int[] dimensions, byte[] data)
    {
        Dimensions = dimensions;
        Data = data;
    }

    /// <summary>The sizes in the header; the first one is the item count declared by the file.</summary>
    public int[] Dimensions { get; }

    /// <summary>The item count declared by the header.</summary>
    public int DeclaredCount => Dimensions[0];

    /// <summary>The bytes of the items that were kept.</summary>
    public byte[] Data { get; }

    /// <summary>Reads an IDX images file (magic 0x00000803).</summary>
    public static IdxFile ReadImages(string path, int? maxItems) => Read(path, ImagesMagic, "images", maxItems);

    /// <summary>Reads an IDX labels file (magic 0x00000801).</summary>
    public static IdxFile ReadLabels(string path, int? maxItems) => Read(path, LabelsMagic, "labels", maxItems);

    private static IdxFile Read(string path, int expectedMagic, string kind, int? maxItems)
    {
        using var stream = DatasetFileStream.Open(path, out bool compressed);
        string file = DatasetFileStream.Describe(path, compressed);
        int dimensionCount = expectedMagic & 0xff;

        int headerSize = 4 + 4 * dimensionCount;
        Span<byte> header = stackalloc byte[headerSize];
        if (!DatasetFileStream.TryReadExactly(stream, header[..4]))
            throw new InvalidDataException($"IDX {kind} file {file} is too short to hold its {headerSize}-byte header.");

        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expectedMagic)
            throw new InvalidDataException($"IDX {kind} file {file} has magic number 0x{magic:X8}, expected 0x{expectedMagic:X8}{MagicHint(magic, expectedMagic)}.");
        if (!DatasetFileStream.TryReadExactly(stream, header[4..]))
            throw new InvalidDataException($"IDX {kind} file {file} is too short to hold its {headerSize}-byte header.");

        var dimensions = new int[dimensionCount];
        for (int i = 0; i < dimensionCount; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(header[(4 + 4 * i)..]);
            if (dimensions[i] < 0 || (i > 0 && dimensions[i] == 0))
                throw new InvalidDataException($"IDX {kind} file {file} declares an invalid size {dimensions[i]} for dimension {i} (header sizes: {string.Join("×", dimensions[..(i + 1)])}).");
        }

        long itemSize = 1;
        for (int i = 1; i < dimensionCount; i++)
            itemSize *= dimensions[i];
        long declaredBytes = dimensions[0] * itemSize;
        int keep = Math.Min(dimensions[0], maxItems ?? int.MaxValue);
        long keepBytes = keep * itemSize;
        if (keepBytes > PixelDataset.MaxBytes)
            throw new InvalidDataException($"IDX {kind} file {file}: {keep} items of {itemSize} bytes exceed the largest in-memory dataset ({PixelDataset.MaxBytes} bytes); pass a smaller maxRows.");

        var data = new byte[keepBytes];
        int kept = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        long available = kept < data.Length ? kept : kept + DatasetFileStream.CountRemaining(stream);
        if (available < declaredBytes)
            throw new InvalidDataException(
                $"IDX {kind} file {file} is truncated: its header declares {DescribeShape(dimensions)} ({declaredBytes} bytes of data) but only {available} bytes follow the header.");
        if (available > declaredBytes)
            throw new InvalidDataException(
                $"IDX {kind} file {file} has {available - declaredBytes} unexpected bytes after the {declaredBytes} bytes of data its header declares ({DescribeShape(dimensions)}).");

        return new IdxFile(dimensions, data);
    }

    private static string DescribeShape(int[] dimensions)
        => dimensions.Length == 1 ? $"{dimensions[0]} items" : $"{dimensions[0]} items of {string.Join("×", dimensions[1..])}";

    private static string MagicHint(int magic, int expectedMagic)
    {
        if (magic is ImagesMagic or LabelsMagic)
            return $" (this is an IDX {(magic == ImagesMagic ? "images" : "labels")} file: were the images and labels paths swapped?)";
        if ((magic & unchecked((int)0xffff0000)) != 0)
            return " (this is not an IDX file; IDX files start with two zero bytes)";
        return $" (an IDX file of element type 0x{(magic >> 8) & 0xff:X2} with {magic & 0xff} dimensions; only unsigned-byte images and labels are supported)";
    }
}
