using CnnZoo.Architectures;
using CnnZoo.MLNet.Data;
using CnnZoo.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Tests.Training;

/// <summary>Small, separable synthetic images and tiny models for fast training tests.</summary>
internal static class TrainingTestData
{
    public const int Side = 16;

    /// <summary>
    /// Three classes of 1×16×16 8-bit images: horizontal stripes, vertical stripes, a bright centre square; with noise.
    /// Deterministic for a seed.
    /// </summary>
    public static TensorStore Patterns(int perClass, int seed = 7, int side = Side, int channels = 1)
    {
        var random = new Random(seed);
        using var builder = new TensorStoreBuilder(new ImageShape(channels, side, side));
        var image = new byte[channels * side * side];
        for (var i = 0; i < perClass * 3; i++)
        {
            var label = i % 3;
            for (var c = 0; c < channels; c++)
            for (var y = 0; y < side; y++)
            for (var x = 0; x < side; x++)
            {
                var on = label switch
                {
                    0 => y % 4 < 2,
                    1 => x % 4 < 2,
                    _ => Math.Abs(x - side / 2) < side / 4 && Math.Abs(y - side / 2) < side / 4,
                };
                image[(c * side + y) * side + x] = (byte)Math.Clamp((on ? 190 : 60) + random.Next(-40, 41), 0, 255);
            }
            builder.Add(image, label);
        }
        return builder.Build();
    }

    /// <summary>A 3-class model with torch seeded first, wrapped with the store's statistics.</summary>
    public static NormalizedClassifier Model(string architecture, TensorStore data, int initSeed = 1, bool aux = false, int? inputSize = null)
    {
        torch.random.manual_seed(initSeed);
        var shape = data.ChannelsHeightWidth;
        var model = ModelZoo.Create(architecture, new ModelOptions
        {
            NumClasses = 3, InChannels = shape.Channels, InputSize = inputSize ?? shape.Height, AuxClassifiers = aux,
        });
        return new NormalizedClassifier(model, data.ComputeChannelStatistics());
    }

    public static TrainingSettings Quick(int epochs = 2) => new()
    {
        Epochs = epochs, BatchSize = 16, LearningRate = 0.02, Momentum = 0.9, Seed = 3, RestoreBestEpoch = false,
    };

    /// <summary>True when every state_dict tensor of the two modules is bit-identical.</summary>
    public static bool SameWeights(nn.Module a, nn.Module b)
    {
        var left = a.state_dict();
        var right = b.state_dict();
        return left.Count == right.Count && left.All(kv => right.TryGetValue(kv.Key, out var other) && BitEqual(kv.Value, other));
    }

    /// <summary>Same dtype, shape and bytes.</summary>
    public static bool BitEqual(Tensor a, Tensor b)
    {
        if (a.dtype != b.dtype || !a.shape.SequenceEqual(b.shape)) return false;
        using var scope = NewDisposeScope();
        return a.detach().cpu().contiguous().bytes.SequenceEqual(b.detach().cpu().contiguous().bytes);
    }

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "cnnzoo-training-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
