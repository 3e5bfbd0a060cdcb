using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Architectures.Weights;

/// <summary>Moves a tensor's raw bytes to and from a stream (host byte order, which both formats need to be little-endian).</summary>
internal static class TensorBytes
{
    private const int BufferSize = 1 << 20;

    /// <summary>Writes the element bytes of <paramref name="tensor"/>, copying it to CPU / contiguous memory first when needed.</summary>
    public static void Write(Tensor tensor, Stream stream)
    {
        EnsureLittleEndian();
        if (tensor.NumberOfElements == 0) return;
        using var scope = NewDisposeScope();
        var host = tensor.device_type == DeviceType.CPU && tensor.is_contiguous()
            ? tensor
            : tensor.detach().cpu().contiguous();
        host.WriteBytesToStream(stream, BufferSize);
    }

    /// <summary>Allocates a CPU tensor and fills it from the stream's next bytes; the caller owns the result.</summary>
    public static Tensor Read(Stream stream, ScalarType dtype, long[] shape)
    {
        EnsureLittleEndian();
        var tensor = empty(shape, dtype, device: CPU);
        try
        {
            if (tensor.NumberOfElements > 0) tensor.ReadBytesFromStream(stream, BufferSize);
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("Weight files store little-endian data; big-endian hosts are not supported.");
    }
}
