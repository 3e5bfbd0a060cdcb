using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace CnnZoo.MLNet.Tests;

/// <summary>Writes small synthetic dataset files (IDX, CIFAR binary, PNG) for the reader tests.</summary>
internal static class ReaderSyntheticFiles
{
    /// <summary>The pixel value every synthetic IDX image has at (image, row, column).</summary>
    public static byte IdxPixel(int image, int row, int column) => (byte)((image * 7 + row * 3 + column) % 256);

    /// <summary>The bytes of an IDX images file of <paramref name="count"/> images filled with <see cref="IdxPixel"/>.</summary>
    public static byte[] IdxImages(int count, int rows, int columns, int magic = 0x00000803, int? declaredCount = null)
    {
        var bytes = new byte[16 + count * rows * columns];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), declaredCount ?? count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        int offset = 16;
        for (int i = 0; i < count; i++)
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                    bytes[offset++] = IdxPixel(i, r, c);
        return bytes;
    }

    /// <summary>The bytes of an IDX labels file.</summary>
    public static byte[] IdxLabels(byte[] labels, int magic = 0x00000801, int? declaredCount = null)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), declaredCount ?? labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>Labels 0, 1, …, 9, 0, 1, … for <paramref name="count"/> rows.</summary>
    public static byte[] CyclicLabels(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(i % 10))];

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, gzip-compressed when asked.</summary>
    public static string Write(string path, byte[] bytes, bool gzip = false)
    {
        if (!gzip)
        {
            File.WriteAllBytes(path, bytes);
            return path;
        }
        using var file = File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
        return path;
    }

    /// <summary>One CIFAR record: label bytes, then a 3×32×32 image whose planes are filled with <paramref name="fill"/>
    /// except pixel (<paramref name="y"/>, <paramref name="x"/>) which is (<paramref name="red"/>, <paramref name="green"/>, <paramref name="blue"/>).</summary>
    public static byte[] CifarRecord(byte[] labelBytes, byte fill = 0, int y = 5, int x = 7, byte red = 10, byte green = 200, byte blue = 30)
    {
        var record = new byte[labelBytes.Length + 3072];
        labelBytes.CopyTo(record, 0);
        record.AsSpan(labelBytes.Length).Fill(fill);
        int pixel = labelBytes.Length + y * 32 + x;
        record[pixel] = red;
        record[pixel + 1024] = green;
        record[pixel + 2048] = blue;
        return record;
    }

    /// <summary>Writes a CIFAR batch file of the given records.</summary>
    public static string WriteCifar(string path, IEnumerable<byte[]> records)
    {
        File.WriteAllBytes(path, [.. records.SelectMany(r => r)]);
        return path;
    }

    /// <summary>Writes a black 32×32 PNG whose pixel (<paramref name="y"/>, <paramref name="x"/>) has the given colour.</summary>
    public static string WritePng(string path, int y = 5, int x = 7, byte red = 10, byte green = 200, byte blue = 30)
    {
        using var bitmap = new SKBitmap(32, 32, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(SKColors.Black);
        bitmap.SetPixel(x, y, new SKColor(red, green, blue));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    /// <summary>Writes a file whose content does not matter (the listing readers do not open images).</summary>
    public static string Touch(string path)
    {
        File.WriteAllBytes(path, [0]);
        return path;
    }
}
