using System.CommandLine;
using System.Globalization;
using CnnZoo.Architectures;
using CnnZoo.Benchmarks.Peer;
using CnnZoo.Cli.Rendering;
using TorchSharp;

namespace CnnZoo.Benchmarks.Commands;

/// <summary>
/// <c>cnnzoo bench-peer</c>: CnnZoo's training (<c>Trainers.Cnn</c>) and batched inference (<c>Transform</c>) on the
/// PyTorch peer's workloads, in the peer's protocol, one JSON line per workload on stdout (the peer's format);
/// <c>--compare FILE</c> turns the lines of several rounds of both (bench/peer/run-peer.sh writes them) into the ratio table.
/// </summary>
public sealed class BenchPeerCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workloads = new Option<string?>("--workloads", "-w") { Description = "Comma-separated workload names (default: every workload in the file)." };
        var file = new Option<string?>("--workloads-file") { Description = "The peer's workloads.json (default: ../shared/tools/peers/workloads.json beside the checkout)." };
        var steps = new Option<int?>("--steps") { Description = "Timed steps per phase, at most one warm-up step (the peer's --steps, for smoke runs)." };
        var maxSeconds = new Option<double?>("--max-seconds") { Description = "Timed work per phase after which it stops, at least 3 steps (default: the file's max_measure_seconds)." };
        var layout = EnumOption.Create("--layout", "Memory layout of weights and batches (auto: the architecture's measured preference).", MemoryLayout.Auto);
        var threads = new Option<int>("--threads", "-t") { Description = "libtorch intra-op threads (the peer's BENCH_THREADS; default 2).", DefaultValueFactory = _ => int.TryParse(Environment.GetEnvironmentVariable("BENCH_THREADS"), out var n) ? n : 2 };
        var compare = new Option<string?>("--compare") { Description = "Print the ratio table from a file of JSON lines (PyTorch NCHW as 'pytorch', channels-last as 'pytorch_channels_last', CnnZoo as 'cnnzoo') instead of measuring." };
        var tunables = new Option<bool>("--print-glibc-tunables") { Description = "Print the GLIBC_TUNABLES value equal to CnnZoo's allocator settings (NativeAllocator), for the peer's like-for-like run, and exit." };
        var command = new Command("bench-peer", "CnnZoo's Trainers.Cnn and batched Transform on the PyTorch peer's workloads, in its protocol (JSON lines); --compare prints CnnZoo ÷ the faster PyTorch layout.");
        foreach (var option in new Option[] { workloads, file, steps, maxSeconds, layout, threads, compare, tunables }) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(compare) is { } results) return Compare(context, results);
            if (parsed.GetValue(tunables))
            {
                context.Out.WriteLine(NativeAllocator.GlibcTunables);
                return ExitCodes.Success;
            }
            var loaded = PeerWorkloads.Load(parsed.GetValue(file) ?? PeerWorkloads.DefaultPath(FindRepositoryRoot()));
            var selected = Select(loaded, parsed.GetValue(workloads));
            if (parsed.GetValue(steps) is < 1) throw new CliUsageException($"--steps must be at least 1; got {parsed.GetValue(steps)}.");
            if (parsed.GetValue(threads) < 1) throw new CliUsageException($"--threads must be at least 1; got {parsed.GetValue(threads)}.");
            TorchRuntime.EnsureAvailable();
            torch.set_num_threads(parsed.GetValue(threads));
            foreach (var workload in selected)
            {
                var run = parsed.GetValue(steps) is int n ? workload.WithSteps(n) : workload;
                var record = PeerProtocolBench.Run(run, parsed.GetValue(maxSeconds) ?? loaded.MaxMeasureSeconds, parsed.GetValue(layout));
                context.Out.WriteLine(record.ToJson());
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{record.Workload}: train {record.TrainImagesPerSecond:0.0} img/s ({record.TrainStepsTimed} steps, loss {record.LossFirst:0.000} → {record.LossLast:0.000}), infer {record.InferImagesPerSecond:0.0} img/s ({record.InferStepsTimed} batches; forward alone {record.InferForwardImagesPerSecond:0.0}, folded {record.InferFoldedForwardImagesPerSecond:0.0}), {record.Layout}, {record.Threads} threads"));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static int Compare(CliContext context, string path)
    {
        if (!File.Exists(path)) throw new CliUsageException($"--compare: '{path}' does not exist.");
        IReadOnlyList<PeerRecord> records;
        try { records = PeerRecord.Parse(File.ReadLines(path)); }
        catch (InvalidDataException ex) { throw new CliUsageException($"--compare: '{path}': {ex.Message}"); }
        if (records.Count == 0) throw new CliUsageException($"--compare: '{path}' holds no workload records.");
        context.Out.WriteLine(PeerComparison.Table(PeerComparison.Summarise(records)));
        return ExitCodes.Success;
    }

    private static IReadOnlyList<PeerWorkload> Select(PeerWorkloads loaded, string? names)
    {
        if (string.IsNullOrWhiteSpace(names)) return loaded.Workloads;
        var byName = loaded.Workloads.ToDictionary(w => w.Name, StringComparer.OrdinalIgnoreCase);
        return BenchCommand.ParseModels(names).Select(name => byName.TryGetValue(name, out var w) ? w
            : throw new CliUsageException($"Unknown workload '{name}'. Known: {string.Join(", ", byName.Keys)}.")).ToList();
    }

    // The checkout the program runs from: the folder holding CnnZoo.MLNet.sln above the working directory or the program.
    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "CnnZoo.MLNet.sln"))) return dir.FullName;
        throw new CliUsageException("No checkout (CnnZoo.MLNet.sln) above the working directory; pass --workloads-file.");
    }
}
