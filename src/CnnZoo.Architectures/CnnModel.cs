using TorchSharp;
using CnnZoo.Architectures.Export;
using static TorchSharp.torch;

namespace CnnZoo.Architectures;

/// <summary>
/// The one surface every zoo model has (after timm): <c>forward</c> → logits, <see cref="ForwardFeatures"/> → the
/// penultimate, pooled feature vector, <see cref="ResetClassifier"/> to re-head the net for another class count, and for
/// nets built with auxiliary classifiers (GoogLeNet's) <see cref="ForwardWithAux"/> with their <see cref="AuxiliaryLossWeights"/>.
/// Inputs are validated before any native call, naming the expected channels and sizes.
/// </summary>
public abstract class CnnModel : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the base; derived classes build their layers, then call <c>RegisterComponents()</c>.</summary>
    protected CnnModel(ModelSpec spec, ResolvedModelOptions options) : base(spec.Name)
    {
        Spec = spec;
        Options = options;
        NumClasses = options.NumClasses;
        Constraint = spec.InputConstraintFor(options);
    }

    /// <summary>The registry entry this model was built from (name, family, paper, year …).</summary>
    public ModelSpec Spec { get; }

    /// <summary>The options it was built with, defaults filled in.</summary>
    public ResolvedModelOptions Options { get; }

    /// <summary>Current number of output classes.</summary>
    public int NumClasses { get; private set; }

    /// <summary>Length of the vector <see cref="ForwardFeatures"/> returns.</summary>
    public abstract int NumFeatures { get; }

    /// <summary>Input sizes this instance accepts.</summary>
    public InputConstraint Constraint { get; }

    /// <summary>
    /// The memory layout of the weights (<see cref="MemoryLayout.ChannelsFirst"/> as built). libtorch runs a convolution
    /// in NHWC when its weight is channels-last, whatever the input's layout, and the feature maps after it keep that layout.
    /// </summary>
    public MemoryLayout MemoryLayout { get; private set; } = MemoryLayout.ChannelsFirst;

    /// <summary>
    /// Moves the weights into <paramref name="layout"/> (<see cref="MemoryLayout.Auto"/>: the spec's
    /// <see cref="ModelSpec.PreferredLayout"/>, or channels-first where <see cref="Inference.ChannelsLast.IsReliable"/>
    /// is false) in place and returns the layout used. Outputs stay equal within float
    /// rounding; state_dict keys, shapes and saved files do not change. Call before creating an optimiser.
    /// </summary>
    public MemoryLayout UseLayout(MemoryLayout layout)
    {
        var resolved = layout != MemoryLayout.Auto ? layout
            : Spec.PreferredLayout == MemoryLayout.ChannelsLast && !Inference.ChannelsLast.IsReliable ? MemoryLayout.ChannelsFirst
            : Spec.PreferredLayout;
        Inference.ChannelsLast.Apply(this, resolved);
        MemoryLayout = resolved;
        return resolved;
    }

    /// <summary>Logits, shape [N, NumClasses].</summary>
    public sealed override Tensor forward(Tensor input)
    {
        ValidateInput(input);
        using var scope = NewDisposeScope();
        return Classify(Features(input)).MoveToOuterDisposeScope();
    }

    /// <summary>The pooled features fed to the final classifier layer, shape [N, NumFeatures] (for transfer learning and featurization).</summary>
    public Tensor ForwardFeatures(Tensor input)
    {
        ValidateInput(input);
        using var scope = NewDisposeScope();
        return Features(input).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Training-loss weight of each auxiliary classifier this instance was built with, in the order
    /// <see cref="ForwardWithAux"/> returns their logits; empty (the default) when it has none.
    /// </summary>
    public virtual IReadOnlyList<double> AuxiliaryLossWeights => [];

    /// <summary>True when this instance has auxiliary classifiers (<see cref="AuxiliaryLossWeights"/> is not empty).</summary>
    public bool HasAuxClassifiers => AuxiliaryLossWeights.Count > 0;

    /// <summary>
    /// Logits [N, NumClasses] plus each auxiliary classifier's logits, for training with the loss
    /// <c>L(main) + Σ AuxiliaryLossWeights[i]·L(Auxiliary[i])</c>. Requires a model built with <see cref="ModelOptions.AuxClassifiers"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has no auxiliary classifiers.</exception>
    public (Tensor Logits, IReadOnlyList<Tensor> Auxiliary) ForwardWithAux(Tensor input)
    {
        if (!HasAuxClassifiers)
            throw new InvalidOperationException(Spec.HasAuxClassifiers
                ? $"'{Spec.Name}' was built without auxiliary classifiers; create it with ModelOptions.AuxClassifiers = true."
                : $"'{Spec.Name}' has no auxiliary classifiers (its ModelSpec.HasAuxClassifiers is false), so ModelOptions.AuxClassifiers cannot add them.");
        ValidateInput(input);
        using var scope = NewDisposeScope();
        var (features, auxiliary) = FeaturesWithAux(input);
        var logits = Classify(features);
        return (logits.MoveToOuterDisposeScope(), auxiliary.Select(a => a.MoveToOuterDisposeScope()).ToArray());
    }

    /// <summary>Replaces the final classifier layer with a freshly initialised one for <paramref name="numClasses"/> classes, on the same device.</summary>
    public void ResetClassifier(int numClasses)
    {
        if (numClasses < 1) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "numClasses must be at least 1.");
        var device = parameters().Select(p => p.device).FirstOrDefault() ?? CPU;
        ReplaceClassifier(numClasses, device);
        NumClasses = numClasses;
    }

    /// <summary>
    /// The state_dict keys (parameters and buffers) of what <see cref="ResetClassifier"/> replaces: the final classifier
    /// layer and any auxiliary classifiers. A fine-tuned net gets these new; everything else is the backbone.
    /// </summary>
    public IReadOnlyList<string> HeadKeys =>
        state_dict().Keys.Where(key => HeadModules.Any(head => key.StartsWith(head + ".", StringComparison.Ordinal))).ToList();

    /// <summary>
    /// The top-level blocks that hold parameters or buffers, in registration order (state_dict prefixes such as <c>conv1</c>, <c>layer3</c>,
    /// <c>features</c>): the units fine-tuning can train from.
    /// </summary>
    public IReadOnlyList<string> Blocks =>
        named_children().Where(child => child.module.parameters().Any() || child.module.buffers().Any()).Select(child => child.name).ToList();

    /// <summary>The registered names (or dotted paths) of the modules <see cref="ReplaceClassifier"/> replaces.</summary>
    protected abstract IEnumerable<string> HeadModules { get; }

    /// <summary>Network up to and including the pooled penultimate representation, [N, NumFeatures].</summary>
    protected abstract Tensor Features(Tensor input);

    /// <summary>
    /// <see cref="Features"/> plus each auxiliary classifier's logits, in the order of <see cref="AuxiliaryLossWeights"/>.
    /// Override it together with <see cref="AuxiliaryLossWeights"/>; it is only called when that list is not empty.
    /// </summary>
    protected virtual (Tensor Features, IReadOnlyList<Tensor> Auxiliary) FeaturesWithAux(Tensor input)
        => throw new NotSupportedException($"'{Spec.Name}' declares auxiliary loss weights but does not override FeaturesWithAux.");

    /// <summary>The final classifier layer(s) applied to <see cref="Features"/>.</summary>
    protected abstract Tensor Classify(Tensor features);

    /// <summary>
    /// The eval-mode logits path (<see cref="Features"/> then <see cref="Classify"/>) described for export; a family that
    /// does not describe itself is refused with a <see cref="NotSupportedException"/> naming it.
    /// </summary>
    internal GraphValue DescribeForward(IForwardGraph graph, GraphValue input) => DescribeClassify(graph, DescribeFeatures(graph, input));

    /// <summary><see cref="Features"/> in the operations of <paramref name="graph"/>; each family overrides it beside its <c>Features</c>.</summary>
    internal virtual GraphValue DescribeFeatures(IForwardGraph graph, GraphValue input) => throw NotDescribed();

    /// <summary><see cref="Classify"/> in the operations of <paramref name="graph"/>.</summary>
    internal virtual GraphValue DescribeClassify(IForwardGraph graph, GraphValue features) => throw NotDescribed();

    private NotSupportedException NotDescribed() =>
        new($"ONNX export does not support '{Spec.Name}': its model type {GetType().FullName} does not describe its forward pass (state_dict path: the root).");

    /// <summary>Swaps in a new final layer (register it under the same state_dict name).</summary>
    protected abstract void ReplaceClassifier(int numClasses, Device device);

    /// <summary>Replaces a registered submodule keeping its state_dict name (TorchSharp refuses a plain re-register).</summary>
    protected void ReplaceModule(string name, nn.Module module)
    {
        register_module(name, null!);
        register_module(name, module);
    }

    /// <summary>Checks rank, channels and spatial size of an input batch; throws an <see cref="ArgumentException"/> naming what was expected.</summary>
    public void ValidateInput(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.shape;
        if (shape.Length != 4)
            throw new ArgumentException($"'{Spec.Name}' expects a batch of images [N, {Options.InChannels}, H, W]; got a tensor of shape [{string.Join(", ", shape)}].", nameof(input));
        if (shape[1] != Options.InChannels)
            throw new ArgumentException($"'{Spec.Name}' was built for {Options.InChannels} input channel(s); got {shape[1]} (input shape [{string.Join(", ", shape)}]). Set ModelOptions.InChannels to match the data.", nameof(input));
        if (Constraint.ExactSize is int exact && (shape[2] != exact || shape[3] != exact))
            throw new ArgumentException($"'{Spec.Name}' was built for {exact}×{exact} inputs (its classifier is sized for them); got {shape[2]}×{shape[3]}. Resize the images or set ModelOptions.InputSize.", nameof(input));
        if (shape[2] < Constraint.MinSize || shape[3] < Constraint.MinSize)
            throw new ArgumentException($"Input {shape[2]}×{shape[3]} is too small for '{Spec.Name}': the minimum input is {Constraint.MinSize}×{Constraint.MinSize}.", nameof(input));
        if (Constraint.MaxSize is int max && (shape[2] > max || shape[3] > max))
            throw new ArgumentException($"Input {shape[2]}×{shape[3]} is too large for '{Spec.Name}' as built: the maximum input is {max}×{max}.", nameof(input));
        if (input.dtype != ScalarType.Float32 && input.dtype != ScalarType.Float64 && input.dtype != ScalarType.Float16 && input.dtype != ScalarType.BFloat16)
            throw new ArgumentException($"'{Spec.Name}' expects floating-point pixels; got {input.dtype}. Convert (e.g. to float32 and scale to [0,1]) first.", nameof(input));
    }
}
