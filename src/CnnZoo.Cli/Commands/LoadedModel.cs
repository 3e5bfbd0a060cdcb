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

    private const string Expected = "expected a model zip saved by 'cnnzoo train' or ml.Model.Save with a CnnZoo classifier (Trainers.Cnn) in its pipeline";

    /// <summary>
    /// Loads <paramref name="path"/>; a missing file, a file that is no ML.NET model, or a model without a CnnZoo CNN is a
    /// usage error saying what the file holds and what was expected.
    /// </summary>
    public static LoadedModel Load(MLContext ml, string path)
    {
        ArgumentNullException.ThrowIfNull(ml);
        if (!File.Exists(path)) throw new CliUsageException($"Model file '{path}' does not exist.");
        ITransformer model;
        DataViewSchema schema;
        try { model = ml.Model.Load(path, out schema); }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or InvalidOperationException or IOException)
        {
            throw new CliUsageException($"'{path}' is not an ML.NET model file ({WhatItHolds(path)}); {Expected}.", ex);
        }
        if (Find(model) is not { } cnn)
        {
            (model as IDisposable)?.Dispose();
            throw new CliUsageException($"'{path}' holds an ML.NET model without a CnnZoo CNN ({Describe(model)}); {Expected}.");
        }
        return new LoadedModel(model, schema, cnn);
    }

    private static CnnTransformer? Find(ITransformer model) => model switch
    {
        CnnTransformer cnn => cnn,
        IEnumerable<ITransformer> chain => chain.Select(Find).LastOrDefault(t => t is not null),
        _ => null,
    };

    // "ValueToKeyMappingTransformer → KeyToValueMappingTransformer", or "an empty pipeline".
    private static string Describe(ITransformer model)
    {
        var parts = model is IEnumerable<ITransformer> chain ? chain.Select(t => t.GetType().Name).ToArray() : [model.GetType().Name];
        return parts.Length == 0 ? "an empty pipeline" : $"transformers: {string.Join(" → ", parts)}";
    }

    // What a file that ML.NET could not load is: not a zip, or a zip of other entries.
    private static string WhatItHolds(string path)
    {
        try
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(path);
            return $"a zip of {zip.Entries.Count} entr{(zip.Entries.Count == 1 ? "y" : "ies")} without ML.NET's Model/ folder";
        }
        catch (InvalidDataException)
        {
            return $"{new FileInfo(path).Length} bytes that are not a zip archive";
        }
    }

    /// <inheritdoc />
    public void Dispose() => (Model as IDisposable)?.Dispose();
}
