using CnnZoo.MLNet.Data;
using Microsoft.ML;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// The trainer's data, read as the options ask: a compact in-memory store (default) or a stream re-read every epoch;
/// validation from a separate set or a held-out fraction; the normalisation statistics of the training part.
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

    public static TrainingInputs Read(IDataView input, CnnTrainer.Options o, ImageColumnInfo layout, int classes, int seed)
    {
        IBatchSource? validation = null;
        var owned = new List<IDisposable>();
        try
        {
            if (o.ValidationSet is not null)
            {
                int validationClasses;
                try { validationClasses = LabelReader.ClassCount(o.ValidationSet.Schema, o.LabelColumnName); }
                catch (ArgumentException ex)
                {
                    throw new ArgumentException($"CnnTrainer.Options.ValidationSet is not ready for the trainer: {ex.Message} The trainer reads the validation set as given, " +
                        "not through the transforms before it in the pipeline: transform it with them first (e.g. ValidationSet = fittedPreprocessing.Transform(validation)).", ex);
                }
                if (validationClasses != classes)
                    throw new ArgumentException($"The validation set's label '{o.LabelColumnName}' has {validationClasses} classes but the training data {classes}; fit MapValueToKey on the training data and transform both with it.");
                validation = o.Streaming
                    ? StreamingBatchSource.Open(o.ValidationSet, o.LabelColumnName, layout, o.SkipInvalidImages, o.CancellationToken, "validation")
                    : Own(owned, TrainingDataReader.Read(o.ValidationSet, o.LabelColumnName, layout, o.SkipInvalidImages, o.CancellationToken, "validation").Store);
            }
            if (o.Streaming)
            {
                var stream = StreamingBatchSource.Open(input, o.LabelColumnName, layout, o.SkipInvalidImages, o.CancellationToken);
                return Owning(new TrainingInputs(stream, validation, stream.Statistics, 0, "streamed"), owned);
            }
            var read = TrainingDataReader.Read(input, o.LabelColumnName, layout, o.SkipInvalidImages, o.CancellationToken);
            var train = Own(owned, read.Store);
            if (validation is null && o.ValidationFraction > 0)
            {
                var (trainPart, validationPart) = read.Store.Split(o.ValidationFraction, seed);
                train = Own(owned, trainPart);
                validation = Own(owned, validationPart);
            }
            var storage = train.IsEightBit ? "uint8" : "float32";
            return Owning(new TrainingInputs(train, validation, train.ComputeChannelStatistics(), read.SkippedInvalidImages, storage), owned);
        }
        catch
        {
            owned.ForEach(d => d.Dispose());
            throw;
        }
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
