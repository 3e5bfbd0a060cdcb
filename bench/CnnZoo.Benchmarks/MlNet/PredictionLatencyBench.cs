using System.Diagnostics;
using CnnZoo.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>
/// Single-image latency of <c>PredictionEngine&lt;BenchImageRow, BenchPrediction&gt;.Predict</c> over the trained
/// transformer, alternating with a raw one-image forward (<see cref="RawScorer.ScoreOne"/>) on the same image; 10 untimed
/// pairs first. Images cycle through the first rows of the data.
/// </summary>
public static class PredictionLatencyBench
{
    private const int WarmupPredictions = 10;

    /// <summary>Measures <paramref name="predictions"/> predictions of <paramref name="model"/>.</summary>
    public static LatencyResult Run(MLContext ml, CnnTransformer model, BenchDataset data, int predictions, Action<string> status)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(status);
        status($"{model.Architecture} predict: {predictions} single-image predictions …");
        var schema = SchemaDefinition.Create(typeof(BenchImageRow));
        schema[nameof(BenchImageRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, data.Channels, data.Size, data.Size);
        using var engine = ml.Model.CreatePredictionEngine<BenchImageRow, BenchPrediction>(model, inputSchemaDefinition: schema);
        using var raw = new RawScorer(model.Model, data);
        var images = Enumerable.Range(0, Math.Min(data.Count, 64)).Select(i => new BenchImageRow { Features = data.ImageAt(i) }).ToArray();
        var output = new BenchPrediction();

        var engineMs = new List<double>();
        var rawMs = new List<double>();
        for (var i = 0; i < WarmupPredictions + predictions; i++)
        {
            var row = images[i % images.Length];
            double a, b;
            if (i % 2 == 0) { a = Predict(engine, row, ref output); b = raw.ScoreOne(row.Features); }
            else { b = raw.ScoreOne(row.Features); a = Predict(engine, row, ref output); }
            if (i < WarmupPredictions) continue;
            engineMs.Add(a);
            rawMs.Add(b);
        }
        if (output.Score.Length != model.NumClasses) throw new InvalidOperationException($"The PredictionEngine returned {output.Score.Length} scores; expected {model.NumClasses}.");
        return new LatencyResult(model.Architecture, data.Shape, predictions, TimingStats.Median(engineMs), LatencyResult.Percentile(engineMs, 0.95), engineMs.Average(),
            TimingStats.Median(rawMs), LatencyResult.Percentile(rawMs, 0.95));
    }

    private static double Predict(PredictionEngine<BenchImageRow, BenchPrediction> engine, BenchImageRow row, ref BenchPrediction output)
    {
        var watch = Stopwatch.StartNew();
        engine.Predict(row, ref output);
        return watch.Elapsed.TotalMilliseconds;
    }
}
