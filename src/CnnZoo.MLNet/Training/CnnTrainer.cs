using CnnZoo.Architectures;
using CnnZoo.Architectures.Models;
using CnnZoo.MLNet.Augmentation;
using CnnZoo.MLNet.Bridge;
using CnnZoo.MLNet.Data;
using CnnZoo.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// Trains a zoo CNN (LeNet-5 … ResNet-152) as an ML.NET multiclass trainer. Create it with
/// <c>mlContext.MulticlassClassification.Trainers.Cnn("resnet18", epochs: 30)</c>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and meaning</description></listheader>
/// <item><term>input: label</term><description>Key type (from <c>MapValueToKey</c>); the class count is its key count.</description></item>
/// <item><term>input: features</term><description><c>Vector&lt;Single, C, H, W&gt;</c> (<c>ExtractPixels</c>), <c>Image</c> (<c>LoadImages</c>/<c>ResizeImages</c>), <c>VarVector&lt;Byte&gt;</c> of encoded images (<c>LoadRawImageBytes</c>; decoded and resized to the model's input), or a fixed-length vector of planar C×S×S values (a CSV row of pixels; C is the model's channels or <c>Options.ImageChannels</c>, S the square side).</description></item>
/// <item><term>output: <c>Score</c></term><description><c>Vector&lt;Single, K&gt;</c> class probabilities with SlotNames.</description></item>
/// <item><term>output: <c>PredictedLabel</c></term><description>Key with the label's KeyValues.</description></item>
/// </list>
/// The data is read once into a compact in-memory store (uint8 for 8-bit sources); mean/std normalisation is computed
/// from it and becomes part of the model. Augmentation from <c>CnnZooAugment</c> on the feature column is applied to
/// training batches only.
/// </remarks>
public sealed partial class CnnTrainer : IEstimator<CnnTransformer>
{
    private readonly IHost _host;

    internal CnnTrainer(IHostEnvironment env, Options options)
    {
        _host = MlNetEnvironment.Register(env, nameof(CnnTrainer));
        ArgumentNullException.ThrowIfNull(options);
        TrainerOptions = options.Clone(); // validated as it will be used, whatever the caller changes later
        TrainerOptions.Validate();
    }

    /// <summary>The options this trainer was created with.</summary>
    public Options TrainerOptions { get; }

    // The row count when the view knows it, else one step of a cursor with no active columns (a text file's first line).
    private static bool IsEmpty(IDataView data)
    {
        if (data.GetRowCount() is long count) return count == 0;
        using var cursor = data.GetRowCursor([]);
        return !cursor.MoveNext();
    }

    /// <summary>What the last <see cref="Fit"/> did: epochs, stop reason, per-epoch metrics.</summary>
    public TrainingResult? LastResult { get; private set; }

    /// <summary>Trains the model.</summary>
    public CnnTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = TrainerOptions;
        o.Validate(); // again: TrainerOptions is the trainer's own copy, but public and settable
        var spec = ModelZoo.Get(o.Architecture);
        // Before the label check: a key mapping fitted on the same empty data would otherwise report "1 class".
        if (IsEmpty(input)) throw new InvalidOperationException("The training data has no rows.");
        var classes = LabelReader.ClassCount(input.Schema, o.LabelColumnName);
        var layout = ImageColumnInfo.FromSchema(input.Schema, o.FeatureColumnName, o.ImageSize ?? o.InitialModel?.Input.Height ?? spec.CanonicalInputSize, o.ImageChannels ?? o.InitialModel?.Input.Channels ?? spec.DefaultInChannels);
        if (layout.Height != layout.Width)
            throw new ArgumentException($"Column '{layout.Name}' holds {layout.Width}×{layout.Height} images; the zoo models take square inputs. Resize to a square (ResizeImages).");
        CheckInitialModel(o, classes, layout);

        var seed = o.Seed ?? MlNetEnvironment.Seed(_host) ?? 0;
        var settings = o.ToSettings(seed);
        var device = DeviceSelection.For(_host, o.Device);
        var policy = AugmentationTransformer.PolicyOf(input.Schema[o.FeatureColumnName]);
        if (policy is not null && policy.OutputSize(layout.Height, layout.Width) != (layout.Height, layout.Width))
            throw new ArgumentException($"The augmentation on '{layout.Name}' turns {layout.Height}×{layout.Width} images into {policy.OutputSize(layout.Height, layout.Width)}; crops must keep the model's input size {layout.Height}×{layout.Width}.");

        using var channel = MlNetEnvironment.StartLog(_host, "Training");
        using var data = TrainingInputs.Read(input, o, layout, classes, seed);
        if (data.SkippedInvalidImages > 0) channel.Warning($"Skipped {data.SkippedInvalidImages} rows with unreadable images.");
        channel.Info($"{spec.Name}: {data.Train.Count} training images {layout.ShapeText} ({data.Storage}), {classes} classes, " +
                     $"{(data.Validation is null ? "no validation" : $"{data.Validation.Count} validation images")}, device {device}.");

        var network = BuildNetwork(o, spec, classes, layout, data.Statistics, device, seed);
        channel.Info($"{spec.Name}: weights and batches {network.MemoryLayout}.");
        try
        {
            var augmenter = policy is null || policy.Ops.Count == 0 ? null : new BatchAugmenter(policy);
            Func<Tensor, Generator, Tensor>? augment = augmenter is null ? null : augmenter.Apply;
            if (augment is not null && o.AugmentedBatchObserver is { } observer)
            {
                var apply = augment;
                augment = (batch, generator) => { var augmented = apply(batch, generator); observer(augmented); return augmented; };
            }
            LastResult = TrainingEngine.Run(network, data.Train, data.Validation, settings, augment, o.Progress, line => channel.Info(line), o.CancellationToken);
            channel.Info($"Training ended: {LastResult.StopReason} after {LastResult.EpochsCompleted} epochs.");
            var label = LabelWithValues(input.Schema[o.LabelColumnName], classes);
            var trained = new TrainedNetwork(network, layout, device, network.MemoryLayout);
            return new CnnTransformer(_host, trained, label, o.ScoreColumnName, o.PredictedLabelColumnName, o.ScoringBatchSize) { TrainingResult = LastResult };
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static void CheckInitialModel(Options o, int classes, ImageColumnInfo layout)
    {
        if (o.InitialModel is not { } initial) return;
        if (!string.Equals(initial.Architecture, o.Architecture, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"InitialModel is a '{initial.Architecture}' but the trainer is set to '{o.Architecture}'.", nameof(o.InitialModel));
        if (initial.NumClasses != classes)
            throw new ArgumentException($"InitialModel has {initial.NumClasses} classes but the label column '{o.LabelColumnName}' has {classes}; continued training needs the same classes.", nameof(o.InitialModel));
        if (initial.Input.ShapeText != layout.ShapeText)
            throw new ArgumentException($"InitialModel takes {initial.Input.ShapeText} images but column '{layout.Name}' holds {layout.ShapeText}.", nameof(o.InitialModel));
    }

    private static NormalizedClassifier BuildNetwork(Options o, ModelSpec spec, int classes, ImageColumnInfo layout, ChannelStatistics statistics, Device device, int seed)
    {
        torch.random.manual_seed(seed);
        var model = ModelZoo.Create(spec.Name, new ModelOptions
        {
            NumClasses = classes, InChannels = layout.Channels, InputSize = layout.Height, Dropout = o.Dropout, Device = device,
            AuxClassifiers = spec.HasAuxClassifiers && (o.AuxiliaryClassifiers ?? true),
        });
        try
        {
            NormalizedClassifier network;
            if (o.InitialModel is { } initial)
            {
                network = NormalizedClassifier.Untrained(model);
                // Same net and classes (checked); only GoogLeNet's auxiliary heads may be present on one side only.
                var sameHeads = network.HasAuxClassifiers == initial.Network.Module.HasAuxClassifiers;
                CnnZoo.Architectures.Weights.ModuleWeights.LoadStateDict(network, initial.Network.Module.state_dict(), strict: sameHeads);
            }
            else if (o.Pretrained is { } pretrained)
            {
                pretrained.LoadBackbone(model);
                network = new NormalizedClassifier(model, PretrainedStatistics.For(pretrained, layout.Channels) ?? statistics);
            }
            else
            {
                network = new NormalizedClassifier(model, statistics);
            }
            network.to(device);
            network.UseLayout(o.MemoryLayout); // before the optimiser exists, so its state takes the same layout
            return network;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The label column with KeyValues (synthesised as "1".."K" when the key column has none).</summary>
    private static DataViewSchema.DetachedColumn LabelWithValues(DataViewSchema.Column label, int classes)
    {
        if (label.Annotations.Schema.GetColumnOrNull(MlNetNames.KeyValues) is not null)
            return new DataViewSchema.DetachedColumn(label);
        var names = Enumerable.Range(1, classes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture).AsMemory()).ToArray();
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add(MlNetNames.KeyValues, new VectorDataViewType(TextDataViewType.Instance, classes),
            (ref VBuffer<ReadOnlyMemory<char>> v) => v = new VBuffer<ReadOnlyMemory<char>>(names.Length, names));
        return new DataViewSchema.DetachedColumn(label.Name, label.Type, annotations.ToAnnotations());
    }

    /// <summary>The input schema plus <c>Score</c> and <c>PredictedLabel</c> (with KeyValues, so a following MapKeyToValue fits).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var o = TrainerOptions;
        if (!SchemaShapes.TryFind(inputSchema, o.LabelColumnName, out var label))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), o.LabelColumnName, $"The label column '{o.LabelColumnName}' is not in the data. Columns: {string.Join(", ", inputSchema.Select(c => $"'{c.Name}'"))}.");
        if (!label.IsKey)
            throw new ArgumentException($"The label column '{o.LabelColumnName}' is {label.ItemType}, not a key; add ml.Transforms.Conversion.MapValueToKey(\"{o.LabelColumnName}\") before the trainer.", nameof(inputSchema));
        ImageColumnInfo.CheckShape(inputSchema, o.FeatureColumnName);
        return SchemaShapes.With(inputSchema, SchemaShapes.MulticlassOutputs(label, o.ScoreColumnName, o.PredictedLabelColumnName));
    }
}
