using static TorchSharp.torch;

namespace CnnZoo.Architectures.Weights;

/// <summary>
/// Reads and writes state dicts (name → tensor maps) in TorchSharp's own format and in safetensors, and reads
/// PyTorch's <c>torch.save</c> zip files (<c>.pth</c>/<c>.pt</c>). Reading never executes code: a PyTorch file goes
/// through a restricted unpickler that builds tensors and plain containers only and refuses any other Python global.
/// </summary>
public static class StateDictFile
{
    /// <summary>The file extension that selects <see cref="WeightsFormat.Safetensors"/> in <see cref="FormatFromExtension"/>.</summary>
    public const string SafetensorsExtension = ".safetensors";

    /// <summary>
    /// Reads every tensor of a weights file, detecting the format from the content. The tensors are on the CPU,
    /// in file order, and owned by the returned <see cref="StateDict"/>: dispose it to free them.
    /// </summary>
    /// <param name="path">
    /// A TorchSharp-format, safetensors or PyTorch zip file. From a PyTorch file the state_dict is the top-level dict
    /// when all its values are tensors, else the tensor dict under a checkpoint's <c>state_dict</c> or <c>model</c> key.
    /// </param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is truncated, corrupt, or in another format; or it is a PyTorch file that is not a plain state_dict
    /// (its pickle names a Python global other than torch's tensor rebuilders, storages and <c>OrderedDict</c>, e.g.
    /// <c>os.system</c>). The message names the file and the fault; nothing in the file is executed.
    /// </exception>
    public static StateDict Read(string path)
    {
        using var stream = OpenRead(path);
        return DetectFormat(stream, path) switch
        {
            WeightsFormat.Safetensors => SafetensorsFormat.Read(stream, path),
            WeightsFormat.PyTorch => PyTorchFormat.Read(stream, path),
            _ => TorchSharpFormat.Read(stream, path),
        };
    }

    /// <summary>
    /// Tells which format a weights file is in from its first bytes: PyTorch for a zip archive (what <c>torch.save</c>
    /// writes); safetensors when they are an 8-byte header length followed by <c>{</c>, or when the content is ambiguous
    /// and the name ends in <c>.safetensors</c>; otherwise TorchSharp's format.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is a bare Python pickle (PyTorch's pre-1.6 format), which is not supported.</exception>
    public static WeightsFormat DetectFormat(string path)
    {
        using var stream = OpenRead(path);
        return DetectFormat(stream, path);
    }

    /// <summary>
    /// The format a file name asks for: <see cref="WeightsFormat.Safetensors"/> for <c>.safetensors</c>
    /// (any case), <see cref="WeightsFormat.TorchSharp"/> for anything else.
    /// </summary>
    public static WeightsFormat FormatFromExtension(string path) =>
        string.Equals(Path.GetExtension(path), SafetensorsExtension, StringComparison.OrdinalIgnoreCase)
            ? WeightsFormat.Safetensors
            : WeightsFormat.TorchSharp;

    /// <summary>
    /// Writes <paramref name="tensors"/> in TorchSharp's format, loadable by TorchSharp's own <c>Module.load(path)</c>.
    /// Entries are written in enumeration order; tensors may be on any device and need not be contiguous.
    /// The file is replaced atomically (written to a temporary sibling, then moved over <paramref name="path"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A tensor has an element type the format cannot store (quantized).</exception>
    public static void WriteTorchSharp(IReadOnlyDictionary<string, Tensor> tensors, string path)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentException.ThrowIfNullOrEmpty(path);
        TorchSharpFormat.Validate(tensors);
        AtomicFile.Write(path, stream => TorchSharpFormat.Write(tensors, stream));
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> as safetensors, entries in enumeration order, with optional string
    /// <paramref name="metadata"/> (stored as <c>__metadata__</c>). Tensors may be on any device and need not be
    /// contiguous. The file is replaced atomically (written to a temporary sibling, then moved over <paramref name="path"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A tensor is complex or quantized, or is named <c>__metadata__</c>.</exception>
    public static void WriteSafetensors(IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentException.ThrowIfNullOrEmpty(path);
        SafetensorsFormat.Validate(tensors);
        AtomicFile.Write(path, stream => SafetensorsFormat.Write(tensors, metadata, stream));
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> as safetensors into an open stream (e.g. an entry of a model archive).
    /// </summary>
    /// <exception cref="ArgumentException">A tensor is complex or quantized, or is named <c>__metadata__</c>.</exception>
    public static void WriteSafetensors(IReadOnlyDictionary<string, Tensor> tensors, Stream stream, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(stream);
        SafetensorsFormat.Validate(tensors);
        SafetensorsFormat.Write(tensors, metadata, stream);
    }

    /// <summary>
    /// Reads safetensors from a seekable stream; <paramref name="sourceName"/> names the source in error messages.
    /// The returned <see cref="StateDict"/> owns its tensors.
    /// </summary>
    /// <exception cref="InvalidDataException">The content is truncated or corrupt; the message names the source and the fault.</exception>
    public static StateDict ReadSafetensors(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return SafetensorsFormat.Read(stream, sourceName);
    }

    /// <summary>Writes <paramref name="tensors"/> in the given <paramref name="format"/> (see the format-specific writers).</summary>
    /// <exception cref="NotSupportedException"><paramref name="format"/> is <see cref="WeightsFormat.PyTorch"/>, which is read-only here.</exception>
    public static void Write(IReadOnlyDictionary<string, Tensor> tensors, string path, WeightsFormat format)
    {
        switch (format)
        {
            case WeightsFormat.Safetensors: WriteSafetensors(tensors, path); break;
            case WeightsFormat.TorchSharp: WriteTorchSharp(tensors, path); break;
            case WeightsFormat.PyTorch:
                throw new NotSupportedException("PyTorch pickle files are read, not written; save as safetensors, which PyTorch reads with safetensors.torch.load_file.");
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown weights format.");
        }
    }

    private static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Weights file '{path}' does not exist.", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    private static WeightsFormat DetectFormat(FileStream stream, string path)
    {
        Span<byte> head = stackalloc byte[9];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        head = head[..read];

        if (head.StartsWith("PK\u0003\u0004"u8))
            return WeightsFormat.PyTorch;
        if (head.Length >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5)
            throw new InvalidDataException($"Weights file '{path}' is a bare Python pickle (PyTorch's format before 1.6, or pickle.dump), which is not read; save it again with torch.save in PyTorch 1.6 or later, or convert it to safetensors.");

        // A safetensors header length below 4 GiB has four zero high bytes; a TorchSharp file has key text there.
        if (head.Length == 9 && head[8] == (byte)'{' && head[4..8].IndexOfAnyExcept((byte)0) < 0)
            return WeightsFormat.Safetensors;
        return FormatFromExtension(path);
    }
}
