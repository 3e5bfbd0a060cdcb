using CnnZoo.MLNet.Data;
using Microsoft.ML;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// The trainer's data, read as the options ask: a compact in-memory store (default) or a stream re-read every epoch;
/// validation from a separate set or a held-out fraction; the normalisation statistics of the training part.
/// With <see cref="CnnTrainer.Options.DataCache"/> the stores are borrowed from it (read once for many runs) instead.
/// </summary>
internal sealed class TrainingInputs : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private TrainingInputs(IBatchSource train, IBatchSource? validation, ChannelStatistics statistics, long skipped, string storage)
        => (Train, Validation, Statistics, SkippedInvalidImages, Storage) = (train, validation, statistics, skipped, storage);

    public IBatchSource Train { get; }
    public IBatchSource? Validation { get; }
    public ChannelStatistics Statistics { get; }
    public long SkippedInvalidImages { get; }
    /// <summary>"uint8", "float32" or "streamed", for the log.</summary>
    public string Storage { get; }

    // The validation set's label and image columns, checked up front so that a set not passed through the pipeline's
    // earlier transforms (a common slip: the trainer reads it as given) is named as the culprit. Returns its class count.
    private static int CheckValidationSet(DataViewSchema schema, string label, ImageColumnInfo layout)
    {
        try
        {
            var classes = LabelReader.ClassCount(schema, label);
            var images = ImageColumnInfo.FromSchema(schema, layout.Name, layout.Height, layout.Channels);
            if (images.Kind != layout.Kind || images.Kind is ImageColumnKind.FloatPixels or ImageColumnKind.BytePixels && images.ShapeText != layout.ShapeText)
                throw new ArgumentException($"Column '{layout.Name}' holds {images.Kind} {images.ShapeText} images; the training data {layout.Kind} {layout.ShapeText}.");
            return classes;
        }
        catch (ArgumentException ex)
        {
            var reason = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            throw new ArgumentException($"CnnTrainer.Options.ValidationSet is not ready for the trainer: {reason} The trainer reads the validation set as given, " +
                "not through the transforms before it in the pipeline: transform it with them first (e.g. ValidationSet = fittedPreprocessing.Transform(validation)).", nameof(CnnTrainer.Options.ValidationSet), ex);
        }
    }

    public static TrainingInputs Read(IDataView input, CnnTrainer.Options o, ImageColumnInfo layout, int classes, int seed)
    {
        IBatchSource? validation = null;
        var owned = new List<IDisposable>();
        try
        {
            if (o.ValidationSet is not null)
            {
                var validationClasses = CheckValidationSet(o.ValidationSet.Schema, o.LabelColumnName, layout);
                if (validationClasses != classes)
                    throw new ArgumentException($"The validation set's label '{o.LabelColumnName}' has {validationClasses} classes but the training data {classes}; fit MapValueToKey on the training data and transform both with it.");
                validation = o.Streaming
                    ? StreamingBatchSource.Open(o.ValidationSet, o.LabelColumnName, layout, o.SkipInvalidImages, o.CancellationToken, "validation")
                    : ReadStore(o.ValidationSet, o, layout, owned, "validation").Store;
            }
            if (o.Streaming)
            {
                var stream = StreamingBatchSource.Open(input, o.LabelColumnName, layout, o.SkipInvalidImages, o.CancellationToken);
                return Owning(new TrainingInputs(stream, validation, stream.Statistics, 0, "streamed"), owned);
            }
            var read = ReadStore(input, o, layout, owned, "training");
            var train = read.Store;
            if (validation is null && o.ValidationFraction > 0)
            {
                var (trainPart, validationPart) = read.Store.Split(o.ValidationFraction, seed);
                train = Own(owned, trainPart);
                validation = Own(owned, validationPart);
            }
            var storage = train.IsEightBit ? "uint8" : "float32";
            var statistics = o.DataCache is { } cache && ReferenceEquals(train, read.Store) ? cache.StatisticsOf(train) : train.ComputeChannelStatistics();
            return Owning(new TrainingInputs(train, validation, statistics, read.SkippedInvalidImages, storage), owned);
        }
        catch
        {
            owned.ForEach(d => d.Dispose());
            throw;
        }
    }

    // A store from the shared cache stays the cache's; one read here is this run's to dispose.
    private static TrainingData ReadStore(IDataView data, CnnTrainer.Options o, ImageColumnInfo layout, List<IDisposable> owned, string what)
    {
        if (o.DataCache is { } cache) return cache.GetOrRead(data, o.LabelColumnName, layout, o.SkipInvalidImages, o.CancellationToken, what);
        var read = TrainingDataReader.Read(data, o.LabelColumnName, layout, o.SkipInvalidImages, o.CancellationToken, what);
        Own(owned, read.Store);
        return read;
    }

    private static T Own<T>(List<IDisposable> owned, T item) where T : IDisposable
    {
        owned.Add(item);
        return item;
    }

    private static TrainingInputs Owning(TrainingInputs inputs, List<IDisposable> owned)
    {
        inputs._owned.AddRange(owned);
        return inputs;
    }

    public void Dispose() => _owned.ForEach(d => d.Dispose());
}
