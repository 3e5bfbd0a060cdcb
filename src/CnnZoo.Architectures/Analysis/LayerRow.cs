namespace CnnZoo.Architectures.Analysis;

/// <summary>What a layer does, for grouping rows the way the lecture's tables do.</summary>
public enum LayerKind
{
    /// <summary>Convolution (including LeNet's connection-table conv).</summary>
    Conv,
    /// <summary>Fully connected (including LeNet's RBF output).</summary>
    Linear,
    /// <summary>Max, average, adaptive pooling and LeNet's subsampling.</summary>
    Pool,
    /// <summary>BatchNorm, LRN.</summary>
    Norm,
    /// <summary>ReLU, tanh.</summary>
    Activation,
    /// <summary>Dropout.</summary>
    Dropout,
    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>One executed leaf module: its output and its cost, for one image.</summary>
/// <param name="Name">Dotted module path, the state_dict prefix (<c>features.0</c>, <c>layer1.0.conv1</c>).</param>
/// <param name="Type">Module type (<c>Conv2d</c>, <c>MaxPool2d</c> …).</param>
/// <param name="Kind">Grouping of <see cref="Type"/>.</param>
/// <param name="InputShape">Per-image input shape ([C, H, W] or [F]).</param>
/// <param name="OutputShape">Per-image output shape.</param>
/// <param name="Weights">Trainable weights owned by the module (BN γ counts as weights).</param>
/// <param name="Biases">Trainable biases owned by the module (BN β counts as biases).</param>
/// <param name="Macs">Multiply-accumulates per image (conv and linear layers; LeNet's subsampling and RBF count theirs).</param>
/// <param name="Kernel">Window side for convs and pools.</param>
/// <param name="Stride">Stride for convs and pools.</param>
public sealed record LayerRow(string Name, string Type, LayerKind Kind, long[] InputShape, long[] OutputShape, long Weights, long Biases, long Macs, int? Kernel, int? Stride)
{
    /// <summary>Values in the output, per image.</summary>
    public long Activations => OutputShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Trainable parameters: weights + biases.</summary>
    public long Parameters => Weights + Biases;

    /// <summary>
    /// True when the output is a new activation map in the lecture's memory accounting: conv, FC and pooling outputs.
    /// ReLU, BN, LRN and dropout are folded into the layer before them, and a pool that leaves the shape unchanged
    /// (torchvision's adaptive 7×7 pool at 224) adds nothing.
    /// </summary>
    public bool IsActivationMap => Kind is LayerKind.Conv or LayerKind.Linear
        || (Kind == LayerKind.Pool && !InputShape.SequenceEqual(OutputShape));

    /// <summary>"C×H×W" in the lecture's order (H×W×C), e.g. 55x55x96; a vector as F.</summary>
    public string ShapeText => OutputShape.Length == 3 ? $"{OutputShape[1]}x{OutputShape[2]}x{OutputShape[0]}" : string.Join("x", OutputShape);
}
