using System.Text.Json;
using System.Text.Json.Serialization;

namespace CnnZoo.Benchmarks.Peer;

/// <summary>
/// One measurement as the peer prints it: one JSON line per workload and framework, with the fields the comparison reads
/// (the peer writes many more; they are ignored).
/// </summary>
public sealed record PeerRecord
{
    /// <summary>Who measured: <c>pytorch</c>, <c>pytorch_channels_last</c> (the peer with <c>--label</c>), <c>cnnzoo</c>.</summary>
    [JsonPropertyName("framework")] public required string Framework { get; init; }
    /// <summary>Workload name.</summary>
    [JsonPropertyName("workload")] public required string Workload { get; init; }
    /// <summary>Training images per second over the timed steps.</summary>
    [JsonPropertyName("train_img_s")] public double TrainImagesPerSecond { get; init; }
    /// <summary>Inference images per second over the timed passes.</summary>
    [JsonPropertyName("infer_img_s")] public double InferImagesPerSecond { get; init; }
    /// <summary>CnnZoo only: the trained network's eval forward alone, on one tensor batch (no ML.NET rows), images/s (median pass).</summary>
    [JsonPropertyName("infer_forward_img_s")] public double? InferForwardImagesPerSecond { get; init; }
    /// <summary>CnnZoo only: the BatchNorm-folded copy's forward alone, images/s (median pass).</summary>
    [JsonPropertyName("infer_folded_forward_img_s")] public double? InferFoldedForwardImagesPerSecond { get; init; }
    /// <summary>Timed training steps.</summary>
    [JsonPropertyName("train_steps_timed")] public int TrainStepsTimed { get; init; }
    /// <summary>Timed inference passes.</summary>
    [JsonPropertyName("infer_steps_timed")] public int InferStepsTimed { get; init; }
    /// <summary>Intra-op threads.</summary>
    [JsonPropertyName("threads")] public int Threads { get; init; }
    /// <summary>CnnZoo only: the memory layout it trained and scored in.</summary>
    [JsonPropertyName("layout")] public string? Layout { get; init; }
    /// <summary>Loss of the first and last training step, to see that both frameworks trained.</summary>
    [JsonPropertyName("loss_first")] public double LossFirst { get; init; }
    /// <summary>Loss of the last training step.</summary>
    [JsonPropertyName("loss_last")] public double LossLast { get; init; }

    // Python's json writes a diverged loss as a bare NaN (not JSON); both directions take it as a named literal.
    private static readonly JsonSerializerOptions Compact = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
    private static readonly System.Text.RegularExpressions.Regex BareNonFinite = new(@"(?<=[:\[,]\s*)(NaN|-?Infinity)(?=\s*[,\]}])");

    /// <summary>The record as one JSON line.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Compact);

    /// <summary>
    /// Every workload record in <paramref name="lines"/> (JSON lines; the peer's matmul records and blank lines are
    /// skipped; Python's bare <c>NaN</c> and <c>Infinity</c> are read as such).
    /// </summary>
    /// <exception cref="InvalidDataException">A line is not JSON; the message gives its number.</exception>
    public static IReadOnlyList<PeerRecord> Parse(IEnumerable<string> lines)
    {
        var records = new List<PeerRecord>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(BareNonFinite.Replace(line, "\"$1\""));
                if (document.RootElement.TryGetProperty("kind", out var kind) && kind.GetString() != "workload") continue;
                records.Add(document.RootElement.Deserialize<PeerRecord>(Compact) ?? throw new JsonException("null"));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Line {number} is not a benchmark record: {ex.Message}", ex);
            }
        }
        return records;
    }
}
