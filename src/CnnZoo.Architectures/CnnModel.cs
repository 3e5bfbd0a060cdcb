using TorchSharp;
using static TorchSharp.torch;

namespace CnnZoo.Architectures;

/// <summary>
/// The one surface every zoo model has (after timm): <c>forward</c> → logits, <see cref="ForwardFeatures"/> → the
/// penultimate, pooled feature vector, <see cref="ResetClassifier"/> to re-head the net for another class count.
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

    /// <summary>Replaces the final classifier layer with a freshly initialised one for <paramref name="numClasses"/> classes, on the same device.</summary>
    public void ResetClassifier(int numClasses)
    {
        if (numClasses < 1) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "numClasses must be at least 1.");
        var device = parameters().Select(p => p.device).FirstOrDefault() ?? CPU;
        ReplaceClassifier(numClasses, device);
        NumClasses = numClasses;
    }

    /// <summary>Network up to and including the pooled penultimate representation, [N, NumFeatures].</summary>
    protected abstract Tensor Features(Tensor input);

    /// <summary>The final classifier layer(s) applied to <see cref="Features"/>.</summary>
    protected abstract Tensor Classify(Tensor features);

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
