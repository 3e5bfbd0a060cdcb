using System.Diagnostics;
using CnnZoo.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.Benchmarks.MlNet;

/// <summary>
/// Batched scoring through ML.NET (A: <c>transformer.Transform(view)</c>, every row's <c>Score</c> read through a cursor)
/// against <see cref="RawScorer"/> (B: the same module on the same images, in batches of the transformer's
/// <c>ScoringBatchSize</c>), interleaved ABBA by <see cref="InterleavedTimer"/> after untimed rounds until the JIT is quiet.
/// </summary>
public static class ScoringBench
{
    /// <summary>Lowest acceptable Transform ÷ raw images/s.</summary>
    public const double TargetRatio = 0.90;

    /// <summary>Measures the trained <paramref name="model"/> on the first rows of <paramref name="data"/>.</summary>
    public static RatioResult Run(MLContext ml, CnnTransformer model, BenchDataset data, MlNetBenchSettings settings, Action<string> status)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(status);
        var rows = Math.Min(settings.ScoreRows, data.Count);
        var view = ml.Data.TakeRows(data.Keyed, rows);
        using var raw = new RawScorer(model.Model, data);
        var label = $"{model.Architecture} score";
        status($"{label}: warming up …");
        var timings = InterleavedTimer.Run(() => TransformAll(model, view, rows), () => raw.ScoreAll(rows, model.ScoringBatchSize), warmup: 1,
            settings.ScoreRounds, budgetSeconds: 0, onRound: round => status($"{label}: round {round}/{settings.ScoreRounds} …"), settleSeconds: settings.SettleSeconds);
        return new RatioResult("score", model.Architecture, data.Shape, model.ScoringBatchSize, rows,
            "transformer.Transform, Score read for every row", "raw module forward + softmax",
            TimingStats.From(timings.A, rows), TimingStats.From(timings.B, rows), timings.A, timings.B, timings.WarmupRounds, TargetRatio);
    }

    /// <summary>Transforms <paramref name="view"/> and reads every row's Score; returns the milliseconds.</summary>
    public static double TransformAll(CnnTransformer model, IDataView view, int expectedRows)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(view);
        var watch = Stopwatch.StartNew();
        var scored = model.Transform(view);
        var score = scored.Schema[model.ScoreColumnName];
        var rows = 0;
        var checksum = 0f;
        using (var cursor = scored.GetRowCursor([score]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(score);
            VBuffer<float> buffer = default;
            while (cursor.MoveNext())
            {
                getter(ref buffer);
                checksum += buffer.GetValues()[0];
                rows++;
            }
        }
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (rows != expectedRows) throw new InvalidOperationException($"Transform scored {rows} rows; expected {expectedRows}.");
        GC.KeepAlive(checksum);
        return elapsed;
    }
}
