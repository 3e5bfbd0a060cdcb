using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CnnZoo.Architectures.Weights;
using TorchSharp.Modules;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// Checkpoints in a directory, one subdirectory per epoch (<c>epoch-0003/</c> holding <c>model.safetensors</c>,
/// <c>optimizer.bin</c> and <c>checkpoint.json</c>). Each is written complete into a hidden temporary directory and
/// then renamed into place, so a crash at any moment leaves the previous epoch's checkpoint intact and never a partial
/// one under an <c>epoch-*</c> name. Older epochs are removed except the best one (whose weights a resumed run may restore).
/// </summary>
internal sealed class CheckpointStore(string directory)
{
    public const string WeightsFileName = "model.safetensors";
    public const string OptimizerFileName = "optimizer.bin";
    public const string StateFileName = "checkpoint.json";
    private const string EpochPrefix = "epoch-";
    // A checkpoint being written is a hidden epoch directory: the dot keeps it out of the epoch-* search until renamed.
    private const string TempPrefix = "." + EpochPrefix;
    private const string TempSuffix = ".tmp";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string Directory { get; } = Path.GetFullPath(directory);

    public string EpochDirectory(int epoch) => Path.Combine(Directory, EpochPrefix + epoch.ToString("D4", CultureInfo.InvariantCulture));

    /// <summary>The newest complete checkpoint, skipping (with a log line) any that cannot be read.</summary>
    public (string Path, CheckpointState State)? FindLatest(Action<string>? log)
    {
        foreach (var (epoch, path) in EpochDirectories().OrderByDescending(e => e.Epoch))
        {
            try
            {
                if (!File.Exists(Path.Combine(path, WeightsFileName))) throw new FileNotFoundException("the weights file is missing");
                var state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllBytes(Path.Combine(path, StateFileName)), Json)
                    ?? throw new InvalidDataException("the state file is empty");
                if (state.Epoch != epoch) throw new InvalidDataException($"it says epoch {state.Epoch}");
                return (path, state);
            }
            catch (Exception ex) when (ex is IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
            {
                log?.Invoke($"checkpoint '{path}' is unreadable ({ex.Message}); trying an older one");
            }
        }
        return null;
    }

    /// <summary>Writes the checkpoint of <paramref name="state"/>'s epoch and returns its directory; keeps <paramref name="keepEpoch"/> as well.</summary>
    public string Write(NormalizedClassifier model, OptimizerHelper optimizer, CheckpointState state, int? keepEpoch)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var final = EpochDirectory(state.Epoch);
        var temp = Path.Combine(Directory, $"{TempPrefix}{state.Epoch:D4}.{Guid.NewGuid():N}{TempSuffix}");
        System.IO.Directory.CreateDirectory(temp);
        try
        {
            model.SaveWeights(Path.Combine(temp, WeightsFileName));
            WriteDurably(Path.Combine(temp, OptimizerFileName), stream =>
            {
                using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
                OptimizerStateLayout.Apply(optimizer, CnnZoo.Architectures.MemoryLayout.ChannelsFirst); // TorchSharp writes only contiguous tensors
                try { optimizer.save_state_dict(writer); }
                finally { OptimizerStateLayout.Apply(optimizer, model.MemoryLayout); }
            });
            WriteDurably(Path.Combine(temp, StateFileName), stream => JsonSerializer.Serialize(stream, state, Json));
            // Only a leftover of a run that did not resume can be in the way.
            if (System.IO.Directory.Exists(final)) System.IO.Directory.Delete(final, recursive: true);
            System.IO.Directory.Move(temp, final);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        Prune(state.Epoch, keepEpoch);
        return final;
    }

    /// <summary>Loads the optimiser state of <paramref name="checkpoint"/>, in <paramref name="model"/>'s memory layout.</summary>
    public static void LoadOptimizer(OptimizerHelper optimizer, string checkpoint, NormalizedClassifier model)
    {
        // Adam's state exists from construction and is read into in place, which TorchSharp allows only for contiguous tensors.
        OptimizerStateLayout.Apply(optimizer, CnnZoo.Architectures.MemoryLayout.ChannelsFirst);
        using (var stream = File.OpenRead(Path.Combine(checkpoint, OptimizerFileName)))
        using (var reader = new BinaryReader(stream))
            optimizer.load_state_dict(reader);
        OptimizerStateLayout.Apply(optimizer, model.MemoryLayout);
    }

    /// <summary>Removes every checkpoint and leftover temporary directory (when a run starts over).</summary>
    public void DeleteAll()
    {
        foreach (var (_, path) in EpochDirectories().ToList()) TryDelete(path);
        foreach (var temp in TempDirectories()) TryDelete(temp);
    }

    private void Prune(int latestEpoch, int? keepEpoch)
    {
        foreach (var (epoch, path) in EpochDirectories().ToList())
        {
            if (epoch != latestEpoch && epoch != keepEpoch) TryDelete(path);
        }
        // Left by a process killed while writing.
        foreach (var temp in TempDirectories()) TryDelete(temp);
    }

    private IEnumerable<(int Epoch, string Path)> EpochDirectories()
    {
        if (!System.IO.Directory.Exists(Directory)) yield break;
        foreach (var path in System.IO.Directory.EnumerateDirectories(Directory, EpochPrefix + "*"))
        {
            var suffix = Path.GetFileName(path)[EpochPrefix.Length..];
            if (suffix.Length > 0 && suffix.All(char.IsAsciiDigit) && int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
                yield return (epoch, path);
        }
    }

    private IEnumerable<string> TempDirectories() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateDirectories(Directory, TempPrefix + "*" + TempSuffix).ToList()
            : [];

    private static void WriteDurably(string path, Action<Stream> write)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        write(stream);
        stream.Flush(flushToDisk: true);
    }

    private static void TryDelete(string path)
    {
        try { System.IO.Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
