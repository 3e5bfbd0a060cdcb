namespace CnnZoo.Architectures.Weights;

/// <summary>The on-disk formats <see cref="StateDictFile"/> reads (all) and writes (all but <see cref="PyTorch"/>).</summary>
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

    /// <summary>
    /// PyTorch's <c>torch.save</c> zip file (the default since PyTorch 1.6; torchvision's <c>.pth</c> downloads): a pickle
    /// plus one raw record per storage. Read only, through a restricted unpickler that runs no code from the file.
    /// </summary>
    PyTorch,
}
