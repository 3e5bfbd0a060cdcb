using CnnZoo.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.Cli.Commands;

/// <summary>A saved model zip, loaded, with the CNN inside it found (for its input layout).</summary>
public sealed class LoadedModel : IDisposable
{
    private LoadedModel(ITransformer model, DataViewSchema inputSchema, CnnTransformer cnn) => (Model, InputSchema, Cnn) = (model, inputSchema, cnn);

    /// <summary>The whole pipeline as saved.</summary>
    public ITransformer Model { get; }
    /// <summary>The schema the pipeline was saved with.</summary>
    public DataViewSchema InputSchema { get; }
    /// <summary>The CNN in it.</summary>
    public CnnTransformer Cnn { get; }

    /// <summary>Loads <paramref name="path"/>; a missing file or a zip without a CnnZoo model is a usage error.</summary>
    public static LoadedModel Load(MLContext ml, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        if (!File.Exists(path)) throw new CliUsageException($"Model file '{path}' does not exist.");
        var model = ml.Model.Load(path, out var schema);
        var cnn = Find(model) ?? throw new CliUsageException($"'{path}' holds no CnnZoo CNN; train one with 'cnnzoo train'.");
        return new LoadedModel(model, schema, cnn);
    }

    private static CnnTransformer? Find(ITransformer model) => model switch
    {
        CnnTransformer cnn => cnn,
        IEnumerable<ITransformer> chain => chain.Select(Find).LastOrDefault(t => t is not null),
        _ => null,
    };

    /// <inheritdoc />
    public void Dispose() => (Model as IDisposable)?.Dispose();
}
