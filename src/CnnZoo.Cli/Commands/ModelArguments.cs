using CnnZoo.Architectures;

namespace CnnZoo.Cli.Commands;

/// <summary>
/// The model argument and the model-building options shared by commands that build one model
/// (<c>&lt;model&gt; --input-size --in-channels --num-classes</c>), with validation that turns bad values into usage errors.
/// </summary>
public sealed class ModelArguments : ArgumentGroup
{
    /// <summary>The registry name, e.g. <c>resnet50</c> (case-insensitive).</summary>
    public Argument<string> Model { get; } = new("model") { Description = "Architecture name as 'cnnzoo list' shows it, e.g. resnet50, vgg16, alexnet_2012." };

    /// <summary><c>--input-size N</c>: square input side; default the paper's.</summary>
    public Option<int?> InputSize { get; } = new("--input-size", "-s") { Description = "Square input side in pixels (default: the architecture's canonical size)." };

    /// <summary><c>--in-channels N</c>: input channels; default the paper's.</summary>
    public Option<int?> InChannels { get; } = new("--in-channels") { Description = "Input channels, 1 for grey or 3 for RGB (default: the architecture's)." };

    /// <summary><c>--num-classes N</c>: output classes; default the paper's.</summary>
    public Option<int?> NumClasses { get; } = new("--num-classes") { Description = "Number of output classes (default: the architecture's, 1000 for ImageNet nets)." };

    /// <inheritdoc/>
    protected override IEnumerable<Symbol> Symbols => [Model, InputSize, InChannels, NumClasses];

    /// <summary>The registry entry named on the command line; unknown names are a usage error listing the known ones.</summary>
    public ModelSpec GetSpec(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return FindSpec(parsed.GetValue(Model) ?? "");
    }

    /// <summary>The options from the command line, validated against <paramref name="spec"/> (usage error naming the option otherwise).</summary>
    public ModelOptions GetOptions(ParseResult parsed, ModelSpec spec, bool auxClassifiers = false)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(spec);
        var options = new ModelOptions
        {
            InputSize = parsed.GetValue(InputSize),
            InChannels = parsed.GetValue(InChannels),
            NumClasses = parsed.GetValue(NumClasses),
            AuxClassifiers = auxClassifiers,
        };
        Validate(spec, options);
        return options;
    }

    /// <summary>Looks a name up in the registry; an unknown name is a <see cref="CliUsageException"/> whose one line lists every known name.</summary>
    public static ModelSpec FindSpec(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!string.IsNullOrWhiteSpace(name) && ModelZoo.TryGet(name, out var spec)) return spec;
        throw new CliUsageException($"Unknown model '{name}'. Known models: {string.Join(", ", ModelZoo.Names)}.");
    }

    /// <summary>Checks <paramref name="options"/> against <paramref name="spec"/> without building anything; a bad value is a <see cref="CliUsageException"/>.</summary>
    public static ResolvedModelOptions Validate(ModelSpec spec, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return spec.Resolve(options);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(CliUsageException.CleanMessage(ex), ex);
        }
    }
}
