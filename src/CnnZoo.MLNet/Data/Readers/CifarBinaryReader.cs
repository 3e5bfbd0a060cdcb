namespace CnnZoo.MLNet.Data.Readers;

/// <summary>
/// Reads CIFAR binary batch files: fixed-size records of <c>labelBytes</c> label bytes followed by
/// 3072 pixel bytes (the 32×32 red plane, then green, then blue — already planar CHW).
/// </summary>
internal static class CifarBinaryReader
{
    public const int Channels = 3;
    public const int Side = 32;
    public const int ImageSize = Channels * Side * Side;

    /// <summary>
    /// Reads the records of <paramref name="files"/> in order, keeping the first <paramref name="maxRows"/>.
    /// <paramref name="labelByte"/> picks which of the <paramref name="labelBytes"/> label bytes is the class index.
    /// Every file is checked for a whole number of records, even those past <paramref name="maxRows"/>.
    /// </summary>
    public static PixelDataset Read(IReadOnlyList<string> files, int labelBytes, int labelByte, IReadOnlyList<string> classNames, int? maxRows)
    {
        int recordSize = labelBytes + ImageSize;
        long total = 0;
        foreach (string file in files)
            total += CountRecords(file, recordSize);

        long keep = Math.Min(total, maxRows ?? long.MaxValue);
        if (keep * ImageSize > PixelDataset.MaxBytes)
            throw new InvalidDataException($"{keep} CIFAR images exceed the largest in-memory dataset ({PixelDataset.MaxBytes} bytes); pass a smaller maxRows.");

        var pixels = new byte[keep * ImageSize];
        var labels = new uint[keep];
        int row = 0;
        var buffer = new byte[recordSize * 1024];
        foreach (string file in files)
        {
            if (row == keep)
                break;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            long recordInFile = 0;
            while (row < keep)
            {
                int wanted = (int)Math.Min(buffer.Length / recordSize, keep - row);
                int read = stream.ReadAtLeast(buffer.AsSpan(0, wanted * recordSize), wanted * recordSize, throwOnEndOfStream: false);
                if (read == 0)
                    break;
                if (read % recordSize != 0)
                    throw new InvalidDataException($"CIFAR file '{file}' changed while it was being read: it ends inside a record.");
                for (int offset = 0; offset < read; offset += recordSize, row++, recordInFile++)
                {
                    byte label = buffer[offset + labelByte];
                    if (label >= classNames.Count)
                        throw new InvalidDataException(
                            $"CIFAR file '{file}' has label {label} in record {recordInFile}, but there are only {classNames.Count} classes (indices 0..{classNames.Count - 1}).");
                    labels[row] = label;
                    buffer.AsSpan(offset + labelBytes, ImageSize).CopyTo(pixels.AsSpan(row * ImageSize, ImageSize));
                }
            }
        }
        return new PixelDataset(Channels, Side, Side, pixels, labels, classNames);
    }

    private static long CountRecords(string file, int recordSize)
    {
        if (!File.Exists(file))
            throw new FileNotFoundException($"CIFAR file '{file}' does not exist.", file);
        long length = new FileInfo(file).Length;
        if (length == 0)
            throw new InvalidDataException($"CIFAR file '{file}' is empty; expected records of {recordSize} bytes.");
        if (length % recordSize != 0)
            throw new InvalidDataException(
                $"CIFAR file '{file}' is {length} bytes, not a whole number of {recordSize}-byte records ({length / recordSize} records and {length % recordSize} bytes left over){OtherFormatHint(length, recordSize)}.");
        return length / recordSize;
    }

    private static string OtherFormatHint(long length, int recordSize)
    {
        const int Cifar10Record = 1 + ImageSize, Cifar100Record = 2 + ImageSize;
        if (recordSize == Cifar10Record && length % Cifar100Record == 0)
            return "; its size fits CIFAR-100's 3074-byte records (coarse and fine label): use LoadCifar100";
        if (recordSize == Cifar100Record && length % Cifar10Record == 0)
            return "; its size fits CIFAR-10's 3073-byte records (one label byte): use LoadCifar10";
        return "";
    }
}
