using System.Text.Json;
using System.Text.Json.Serialization;
using CnnZoo.MLNet.Training;

namespace CnnZoo.Cli.Katib;

/// <summary>
/// What a finished trial leaves beside its checkpoints and <c>model.zip</c> (<c>trial.json</c>): which trial it was,
/// how it scored on the validation split, what it cost, and its training record (learning curve). Written last, so a
/// run directory with a record is complete.
/// </summary>
internal sealed record TrialRecord(
    string Architecture,
    double LearningRate,
    int BatchSize,
    int Seed,
    int Epochs,
    int MaxEpochs,
    string TrialName,
    double Accuracy,
    double LogLoss,
    double Top5Accuracy,
    double MacroF1,
    double TrainSeconds,
    long PeakMemoryBytes,
    TrainingResult Training)
{
    public const string FileName = "trial.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes the record into <paramref name="directory"/> through a temporary file, so it is there whole or not at all.</summary>
    public void WriteTo(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(this, Json));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The record in <paramref name="directory"/>, or null when the trial there has not finished.</summary>
    public static TrialRecord? ReadFrom(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<TrialRecord>(File.ReadAllBytes(path), Json) ?? throw new InvalidDataException("it is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not a trial record: {ex.Message}", ex);
        }
    }
}
