using CnnZoo.Architectures;
using CnnZoo.Architectures.Weights;
using CnnZoo.MLNet.Data;
using CnnZoo.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace CnnZoo.MLNet.Scoring;

/// <summary>A network straight from pretrained weights, with no training: what a pretrained featurizer scores with.</summary>
internal static class PretrainedNetwork
{
    /// <summary>
    /// Builds <paramref name="architecture"/> for the images of <paramref name="inputColumnName"/>, loads the weights'
    /// backbone and their input normalisation (raw pixels when they declare none).
    /// </summary>
    public static TrainedNetwork Build(IHostEnvironment env, string architecture, PretrainedWeights weights, DataViewSchema schema, string inputColumnName, int? imageSize)
    {
        var spec = ModelZoo.Get(architecture);
        var layout = ImageColumnInfo.FromSchema(schema, inputColumnName, imageSize ?? spec.CanonicalInputSize, weights.Normalization?.Mean.Count ?? spec.DefaultInChannels);
        if (layout.Height != layout.Width)
            throw new ArgumentException($"Column '{layout.Name}' holds {layout.Width}×{layout.Height} images; the zoo models take square inputs. Resize to a square (ResizeImages).");
        var device = DeviceSelection.For(env, explicitDevice: null);
        var model = ModelZoo.Create(architecture, new ModelOptions { NumClasses = 1, InChannels = layout.Channels, InputSize = layout.Height, Device = device });
        try
        {
            weights.LoadBackbone(model);
            var statistics = PretrainedStatistics.For(weights, layout.Channels) ?? ChannelStatistics.Identity(layout.Channels);
            return new TrainedNetwork(new NormalizedClassifier(model, statistics), layout, device);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
