using CnnZoo.Architectures;
using CnnZoo.Architectures.Weights;
using static TorchSharp.torch;

namespace CnnZoo.Onnx.Pretrained;

/// <summary>
/// The package's ImageNet weights as starting weights for fine-tuning (<c>CnnTrainer.Options.Pretrained</c>), made to
/// take what ML.NET's <c>ExtractPixels</c> gives: RGB 0–255. The BGR order is folded into conv1 by permuting its input
/// channels (exact); the 224×224 mean image becomes its per-channel means (exact for a constant image, close otherwise,
/// and the only choice at other input sizes).
/// </summary>
internal sealed class ImageNetResNet18Weights(Func<PretrainedModel> load) : PretrainedWeights
{
    private const string FirstConvolution = "conv1.weight";
    private readonly Lazy<PretrainedModel> _loaded = new(load);

    public override string Description => $"ML.NET's ImageNet ResNet-18 weights ({DnnImageFeaturizerPackage.Id} {DnnImageFeaturizerPackage.Version})";

    public override InputNormalization Normalization
    {
        get
        {
            // The network sees x·scale − mean, which is (x − mean/scale) / (1/scale).
            var input = _loaded.Value.Input;
            var scale = (double)input.PixelScale;
            return new InputNormalization(
                RgbFromInputOrder(input.ChannelOrder).Select(c => input.ChannelMeans[c] / scale).ToArray(),
                Enumerable.Repeat(1 / scale, 3).ToArray());
        }
    }

    protected override StateDict Read()
    {
        var loaded = _loaded.Value;
        using var scope = NewDisposeScope();
        var weights = new StateDict();
        var toRgb = tensor(RgbFromInputOrder(loaded.Input.ChannelOrder).Select(c => (long)c).ToArray());
        foreach (var (key, value) in loaded.Model.state_dict())
        {
            var copy = key == FirstConvolution ? value.index_select(1, toRgb) : value.clone();
            weights.Add(key, copy.detach().DetachFromDisposeScope());
        }
        return weights;
    }

    // For each RGB channel, its index in the network's input order.
    private static int[] RgbFromInputOrder(ChannelOrder order) => order == ChannelOrder.Bgr ? [2, 1, 0] : [0, 1, 2];
}
