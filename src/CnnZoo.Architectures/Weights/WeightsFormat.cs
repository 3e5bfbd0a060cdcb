namespace CnnZoo.Architectures.Weights;

/// <summary>The on-disk formats <see cref="StateDictFile"/> reads and writes.</summary>
public enum WeightsFormat
{
    /// <summary>
    /// TorchSharp's own format, as written by <c>Module.save(path)</c> and read by <c>Module.load(path)</c>:
    /// a LEB128 entry count, then per entry a length-prefixed UTF-8 key and the tensor (dtype, shape, raw bytes).
    /// </summary>
    TorchSharp,

    /// <summary>
    /// The <see href="https://github.com/huggingface/safetensors">safetensors</see> format: an 8-byte header length,
    /// a JSON header naming each tensor's dtype, shape and byte range, then raw little-endian data. Contains no code.
    /// </summary>
    Safetensors,
}
