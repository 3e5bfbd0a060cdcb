using CnnZoo.MLNet.Bridge.Mapping;
using CnnZoo.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Scoring;

/// <summary>
/// The row mapping behind both transformers, bound to one input schema. Rows are scored in batches: when the mapping
/// knows the data view it maps (<see cref="CnnTransformerBase.Transform"/>), a second cursor over that view reads the
/// next batch of images ahead and scores it in one forward pass; the main cursor's rows are checked against it and it
/// falls back to one row at a time if they ever disagree (e.g. a shuffled cursor). Without a view (PredictionEngine)
/// it scores one row at a time.
/// </summary>
internal sealed class CnnMapper : IBoundRowMapping
{
    private readonly CnnTransformerBase _owner;
    private readonly IDataView? _source;
    private readonly int _featureIndex;
    private readonly ImageColumnInfo _input;

    public CnnMapper(CnnTransformerBase owner, DataViewSchema inputSchema, IDataView? source)
    {
        _owner = owner;
        _source = source;
        var expected = owner.Network.Input;
        var actual = ImageColumnInfo.FromSchema(inputSchema, expected.Name, expected.Height, expected.Channels);
        if (actual.Kind != ImageColumnKind.EncodedImage && actual.Kind != ImageColumnKind.Image && actual.ShapeText != expected.ShapeText)
            throw new ArgumentException($"Column '{expected.Name}' holds {actual.ShapeText} images but the model was trained on {expected.ShapeText}.");
        _input = actual with { Channels = expected.Channels, Height = expected.Height, Width = expected.Width };
        _featureIndex = inputSchema[expected.Name].Index;
        OutputColumns = owner.OutputColumns(inputSchema);
    }

    public DataViewSchema.DetachedColumn[] OutputColumns { get; }

    public Delegate[] CreateGetters(DataViewRow input, Func<int, bool> activeOutput, out Action? disposer)
    {
        var scorer = new BatchScorer(_owner, _input, input, _source);
        disposer = scorer.Dispose;
        var getters = new Delegate[OutputColumns.Length];
        for (var i = 0; i < OutputColumns.Length; i++)
            if (activeOutput(i)) getters[i] = _owner.MakeGetter(i, scorer);
        return getters;
    }

    public Func<int, bool> InputDependencies(Func<int, bool> activeOutput)
        => column => column == _featureIndex && Enumerable.Range(0, OutputColumns.Length).Any(activeOutput);
}

/// <summary>Scores the rows of one cursor, a batch at a time when it can read ahead (see <see cref="CnnMapper"/>).</summary>
internal sealed class BatchScorer : IDisposable
{
    private readonly CnnTransformerBase _parent;
    private readonly ImageColumnInfo _input;
    private readonly DataViewRow _row;
    private readonly IDataView? _source;
    private readonly ImageRowReader _rowReader;
    private DataViewRowCursor? _ahead;
    private ImageRowReader? _aheadReader;
    private bool _singleRows;
    private long _cacheStart = -1;
    private int _cacheCount;
    private float[] _cache = [];
    private readonly float[] _rowPixels; // the main cursor's current image: single-row scoring, and the look-ahead check
    private torch.Tensor? _inputs; // the next batch's images, read straight into the tensor; reused, freed with the cursor

    public BatchScorer(CnnTransformerBase parent, ImageColumnInfo input, DataViewRow row, IDataView? source)
    {
        (_parent, _input, _row, _source) = (parent, input, row, source);
        _rowReader = new ImageRowReader(row, input);
        _singleRows = source is null || parent.ScoringBatchSize == 1;
        _rowPixels = new float[input.Length];
    }

    public int Width => _parent.OutputWidth;

    /// <summary>The output vector of the row the main cursor is on.</summary>
    public ReadOnlySpan<float> Current()
    {
        var position = _row.Position;
        if (position < _cacheStart || position >= _cacheStart + _cacheCount) Fill(position);
        return _cache.AsSpan((int)(position - _cacheStart) * Width, Width);
    }

    /// <summary>The batch input tensor's values, room for <paramref name="images"/> images.</summary>
    private Span<float> Inputs(int images)
    {
        _inputs ??= _parent.Network.NewInputBatch(images);
        return TrainedNetwork.Pixels(_inputs);
    }

    private void Fill(long position)
    {
        if (!_singleRows && TryFillAhead(position)) return;
        _singleRows = true;
        // No kept tensor here: ML.NET's PredictionEngine never disposes the mapper's row, so it must hold nothing native.
        _rowReader.Read(_rowPixels, position);
        _cache = _parent.RunOne(_rowPixels);
        (_cacheStart, _cacheCount) = (position, 1);
    }

    private bool TryFillAhead(long position)
    {
        if (_ahead is null)
        {
            _ahead = _source!.GetRowCursor([_source.Schema[_input.Name]]);
            _aheadReader = new ImageRowReader(_ahead, _input);
        }
        while (_ahead.Position < position)
            if (!_ahead.MoveNext()) return false;
        if (_ahead.Position != position) return false;

        var batch = _parent.ScoringBatchSize;
        var pixels = Inputs(batch);
        var count = 0;
        do
        {
            _aheadReader!.Read(pixels.Slice(count * _input.Length, _input.Length), _ahead.Position);
            count++;
        } while (count < batch && _ahead.MoveNext());

        // The main cursor must be on the same row the look-ahead read first; otherwise (shuffled cursors) give up batching.
        _rowReader.Read(_rowPixels, position);
        if (!_rowPixels.AsSpan().SequenceEqual(pixels[.._input.Length])) return false;

        _cache = _parent.Run(_inputs!, count);
        (_cacheStart, _cacheCount) = (position, count);
        return true;
    }

    public void Dispose()
    {
        _ahead?.Dispose();
        _ahead = null;
        _inputs?.Dispose();
        _inputs = null;
    }
}
