namespace CnnZoo.Architectures;

/// <summary>A paper an architecture comes from.</summary>
/// <param name="Title">Title as published.</param>
/// <param name="Authors">Short author list ("Krizhevsky, Sutskever, Hinton").</param>
/// <param name="Year">Year of publication.</param>
/// <param name="ReportedError">The paper's headline result as the lecture quotes it, e.g. "15.3% top-5 (ILSVRC-2012)"; null where none is given.</param>
public sealed record PaperInfo(string Title, string Authors, int Year, string? ReportedError = null);

/// <summary>The input sizes a built model accepts.</summary>
/// <param name="MinSize">Smallest square side for which every layer still has a non-empty output.</param>
/// <param name="ExactSize">Set for nets whose classifier is sized for one input (no adaptive pooling): the only side accepted.</param>
/// <param name="MaxSize">Largest side accepted, where a fixed-size head allows only a range (the paper GoogLeNet's auxiliary classifiers).</param>
public sealed record InputConstraint(int MinSize, int? ExactSize = null, int? MaxSize = null)
{
    /// <summary>Any size from <paramref name="minSize"/> up.</summary>
    public static InputConstraint AtLeast(int minSize) => new(minSize);
}

/// <summary>
/// Names of the training recipes a family declares as its default (<see cref="ModelSpec.TrainingRecipe"/>). They are only
/// names: the recipes' settings (optimiser, rates, schedule …) live with the trainer, in CnnZoo.MLNet's <c>TrainingPresets</c>,
/// under the same names.
/// </summary>
public static class TrainingRecipes
{
    /// <summary>AlexNet's (2012): SGD with momentum, rate ÷10 when validation stops improving.</summary>
    public const string AlexNet = "alexnet";
    /// <summary>VGG's (2014): AlexNet's with a larger batch.</summary>
    public const string Vgg = "vgg";
    /// <summary>ResNet's on ImageNet (2015): SGD from rate 0.1, ÷10 on plateau.</summary>
    public const string ResNet = "resnet";
    /// <summary>ResNet's on CIFAR-10 (2015, §4.2): SGD from rate 0.1 after a warm-up, ÷10 at fixed epochs.</summary>
    public const string ResNetCifar = "resnet_cifar";
    /// <summary>GoogLeNet's (2014): SGD, rate lowered 4% every 8 epochs.</summary>
    public const string GoogLeNet = "googlenet";
    /// <summary>A modern default for nets whose paper gives no usable recipe: AdamW with cosine annealing.</summary>
    public const string AdamWCosine = "adamw_cosine";
}

/// <summary>
/// One registry entry: name, metadata and how to build the model. The registry (<see cref="ModelZoo"/>) is a list of these;
/// each family file (<c>Models/*.cs</c>) declares its variants as a table and turns each row into a spec.
/// </summary>
public sealed record ModelSpec
{
    /// <summary>Registry key, torchvision spelling where torchvision has the model (<c>resnet50</c>, <c>vgg16_bn</c>).</summary>
    public required string Name { get; init; }
    /// <summary>Family, in the paper's spelling (<c>GoogLeNet</c>, <c>ResNet</c>).</summary>
    public required string Family { get; init; }
    /// <summary>One line on what distinguishes this variant.</summary>
    public required string Description { get; init; }
    /// <summary>The paper it reproduces.</summary>
    public required PaperInfo Paper { get; init; }
    /// <summary>Input side the paper uses (224, 227, 32 …).</summary>
    public required int CanonicalInputSize { get; init; }
    /// <summary>Default input channels.</summary>
    public int DefaultInChannels { get; init; } = 3;
    /// <summary>Default class count.</summary>
    public int DefaultNumClasses { get; init; } = 1000;
    /// <summary>Default classifier dropout.</summary>
    public double DefaultDropout { get; init; }
    /// <summary>True when the module names equal torchvision's state_dict keys, so torchvision weights load by name.</summary>
    public bool TorchvisionCompatible { get; init; }
    /// <summary>
    /// True when the architecture can build auxiliary classifiers (<see cref="ModelOptions.AuxClassifiers"/>); a model built
    /// with them reports their logits and loss weights through <see cref="CnnModel.ForwardWithAux"/> and
    /// <see cref="CnnModel.AuxiliaryLossWeights"/>.
    /// </summary>
    public bool HasAuxClassifiers { get; init; }
    /// <summary>
    /// The recipe this variant trains with by default, one of <see cref="TrainingRecipes"/> (the paper's where it gives
    /// one). The trainer looks the settings up by this name.
    /// </summary>
    public required string TrainingRecipe { get; init; }
    /// <summary>
    /// The memory layout <see cref="MemoryLayout.Auto"/> picks for this architecture: the one measured faster for its
    /// training and batched inference on the CPU (<c>./cnnzoo bench-peer</c>). Default <see cref="MemoryLayout.ChannelsLast"/>,
    /// which libtorch's oneDNN convolutions favour for every zoo net but the smallest.
    /// </summary>
    public MemoryLayout PreferredLayout { get; init; } = MemoryLayout.ChannelsLast;

    /// <summary>Input sizes accepted by a model built with the given options (pure arithmetic, no native call).</summary>
    public required Func<ResolvedModelOptions, InputConstraint> InputConstraintFor { get; init; }
    /// <summary>Builds the module.</summary>
    public required Func<ModelSpec, ResolvedModelOptions, CnnModel> Build { get; init; }

    /// <summary>Smallest input side with the default options.</summary>
    public int MinInputSize => InputConstraintFor(Resolve(new ModelOptions())).MinSize;

    /// <summary>Fills the defaults of <paramref name="options"/> from this spec and validates every value, naming the option and the allowed range.</summary>
    public ResolvedModelOptions Resolve(ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var numClasses = options.NumClasses ?? DefaultNumClasses;
        if (numClasses < 1) throw new ArgumentOutOfRangeException(nameof(options), numClasses, $"ModelOptions.NumClasses must be at least 1 for '{Name}'; got {numClasses}.");
        var inChannels = options.InChannels ?? DefaultInChannels;
        if (inChannels < 1) throw new ArgumentOutOfRangeException(nameof(options), inChannels, $"ModelOptions.InChannels must be at least 1 for '{Name}'; got {inChannels}.");
        var dropout = options.Dropout ?? DefaultDropout;
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(options), dropout, $"ModelOptions.Dropout must be in [0, 1) for '{Name}'; got {dropout}.");
        if (options.AuxClassifiers && !HasAuxClassifiers) throw new ArgumentException($"ModelOptions.AuxClassifiers is only available for architectures with auxiliary classifiers (such as GoogLeNet); '{Name}' has none.", nameof(options));
        var inputSize = options.InputSize ?? CanonicalInputSize;
        var resolved = new ResolvedModelOptions(numClasses, inChannels, inputSize, dropout, options.Device ?? TorchSharp.torch.CPU, options.AuxClassifiers);
        var constraint = InputConstraintFor(resolved with { InputSize = Math.Max(inputSize, 1) });
        if (inputSize < constraint.MinSize)
            throw new ArgumentOutOfRangeException(nameof(options), inputSize, $"ModelOptions.InputSize {inputSize} is too small for '{Name}': the minimum input is {constraint.MinSize}×{constraint.MinSize} (canonical {CanonicalInputSize}×{CanonicalInputSize}).");
        if (inputSize > constraint.MaxSize)
            throw new ArgumentOutOfRangeException(nameof(options), inputSize, $"ModelOptions.InputSize {inputSize} is too large for '{Name}' with these options: the maximum input is {constraint.MaxSize}×{constraint.MaxSize} (canonical {CanonicalInputSize}×{CanonicalInputSize}).");
        return resolved;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
