using System.IO.Compression;
using static TorchSharp.torch;

namespace CnnZoo.Onnx.Tests.Support;

/// <summary>RGB pixel batches in 0–255, [N, 3, 224, 224], as ML.NET's ExtractPixels would give them.</summary>
internal static class TestImages
{
    public const int Size = 224;
    private const string FashionMnistPath = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"; // eng/setup.sh installs it

    /// <summary>The first <paramref name="count"/> Fashion-MNIST test images, resized to 224×224 (bilinear) and repeated into 3 channels.</summary>
    public static Tensor FashionMnist(int count)
    {
        if (!File.Exists(FashionMnistPath)) Assert.Fail($"{FashionMnistPath} is missing; run eng/setup.sh.");
        using var gz = new GZipStream(File.OpenRead(FashionMnistPath), CompressionMode.Decompress);
        var header = new byte[16]; // IDX3: magic, count, rows, cols, big-endian int32 each
        gz.ReadExactly(header);
        var pixels = new byte[count * 28 * 28];
        gz.ReadExactly(pixels);
        using var scope = NewDisposeScope();
        var gray = tensor(pixels, [count, 1, 28, 28]).to_type(ScalarType.Float32);
        var resized = nn.functional.interpolate(gray, [Size, Size], mode: InterpolationMode.Bilinear, align_corners: false);
        return resized.expand(count, 3, Size, Size).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Seeded colour images: smooth gradients per channel plus noise, so the channel order matters.</summary>
    public static Tensor SyntheticColour(int count, int seed)
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        var ramp = linspace(0, 1, Size).reshape(1, 1, 1, Size);
        var channelWeights = rand([count, 3, 1, 1], generator: generator);
        var noise = rand([count, 3, Size, Size], generator: generator);
        return (ramp * channelWeights * 200 + noise * 55).clamp(0, 255).MoveToOuterDisposeScope();
    }
}
