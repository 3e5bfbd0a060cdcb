using CnnZoo.Architectures;
using CnnZoo.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>
/// The images one net is measured on, in both forms: as the ML.NET view the trainer and the transformer read (label as
/// a key) and as the in-memory tensors the hand-written loops use (the same images, labels = key − 1), with the
/// per-channel mean and standard deviation both paths normalise with.
/// </summary>
public sealed class BenchDataset : IDisposable
{
    private BenchDataset(string description, IDataView keyed, int channels, int size, int classes, Tensor images, Tensor labels, float[] mean, float[] std)
    {
        (Description, Keyed, Channels, Size, Classes, Images, Labels, Mean, Std) = (description, keyed, channels, size, classes, images, labels, mean, std);
    }

    /// <summary>Where the images come from.</summary>
    public string Description { get; }

    /// <summary><c>Label</c> (key) and <c>Features</c> (<c>Vector&lt;Single, C, H, W&gt;</c>).</summary>
    public IDataView Keyed { get; }

    /// <summary>Image channels.</summary>
    public int Channels { get; }

    /// <summary>Image side.</summary>
    public int Size { get; }

    /// <summary>Number of classes (the key count).</summary>
    public int Classes { get; }

    /// <summary>float32 [N, C, S, S], raw scale 0–255, CPU.</summary>
    public Tensor Images { get; }

    /// <summary>int64 [N], 0-based class indices.</summary>
    public Tensor Labels { get; }

    /// <summary>Per-channel mean of the images.</summary>
    public float[] Mean { get; }

    /// <summary>Per-channel standard deviation of the images.</summary>
    public float[] Std { get; }

    /// <summary>Number of images.</summary>
    public int Count => (int)Labels.shape[0];

    /// <summary>The shape as text, e.g. <c>1x28x28</c>.</summary>
    public string Shape => $"{Channels}x{Size}x{Size}";

    /// <summary>
    /// The data for <paramref name="spec"/>: the first <paramref name="fashionRows"/> Fashion-MNIST training images for
    /// one-channel nets, else <paramref name="syntheticRows"/> random RGB images.
    /// </summary>
    public static BenchDataset For(MLContext ml, ModelSpec spec, MlNetBenchSettings settings, int fashionRows, int syntheticRows)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        return MlNetBenchSettings.UsesFashionMnist(spec)
            ? FromView(ml, CnnZooData.LoadFashionMnist(ml, "train", settings.DataFolder, fashionRows), $"Fashion-MNIST train, first {fashionRows} rows")
            : FromView(ml, SyntheticImages.Create(ml, syntheticRows, 3, settings.SyntheticSize, settings.Seed), $"synthetic random 0-255 pixels, {syntheticRows} rows");
    }

    /// <summary>Keys the <c>Label</c> column of <paramref name="view"/> and reads every image into tensors.</summary>
    public static BenchDataset FromView(MLContext ml, IDataView view, string description)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(view);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(view).Transform(view);
        var features = keyed.Schema["Features"];
        var type = (VectorDataViewType)features.Type;
        if (type.Dimensions.Length != 3 || type.Dimensions[1] != type.Dimensions[2])
            throw new InvalidOperationException($"Expected square planar images in 'Features'; got {type}.");
        int channels = type.Dimensions[0], size = type.Dimensions[1], length = type.Size;
        var label = keyed.Schema["Label"];
        var classes = label.Type is KeyDataViewType keyType ? (int)keyType.Count : throw new InvalidOperationException($"Expected a key-typed Label; got {label.Type}.");

        var pixels = new List<float>();
        var labels = new List<long>();
        using (var cursor = keyed.GetRowCursor([features, label]))
        {
            var getPixels = cursor.GetGetter<VBuffer<float>>(features);
            var getLabel = cursor.GetGetter<uint>(label);
            VBuffer<float> buffer = default;
            uint key = 0;
            while (cursor.MoveNext())
            {
                getPixels(ref buffer);
                getLabel(ref key);
                var dense = new float[length];
                buffer.CopyTo(dense);
                pixels.AddRange(dense);
                labels.Add(key - 1);
            }
        }
        var (mean, std) = ChannelStatistics(pixels, channels, size * size);
        var images = tensor(pixels.ToArray(), [labels.Count, channels, size, size]).DetachFromDisposeScope();
        var labelTensor = tensor(labels.ToArray(), ScalarType.Int64).DetachFromDisposeScope();
        return new BenchDataset(description, keyed, channels, size, classes, images, labelTensor, mean, std);
    }

    /// <summary>Image <paramref name="index"/> as a planar float array (C·H·W values, raw scale).</summary>
    public float[] ImageAt(int index) => Images[index].contiguous().data<float>().ToArray();

    private static (float[] Mean, float[] Std) ChannelStatistics(List<float> pixels, int channels, int plane)
    {
        var sum = new double[channels];
        var squares = new double[channels];
        for (var i = 0; i < pixels.Count; i++)
        {
            var c = i / plane % channels;
            sum[c] += pixels[i];
            squares[c] += (double)pixels[i] * pixels[i];
        }
        var n = Math.Max(1, pixels.Count / channels);
        var mean = sum.Select(s => (float)(s / n)).ToArray();
        var std = squares.Select((s, c) => (float)Math.Max(1e-6, Math.Sqrt(Math.Max(0, s / n - (double)mean[c] * mean[c])))).ToArray();
        return (mean, std);
    }

    /// <summary>Frees the tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
