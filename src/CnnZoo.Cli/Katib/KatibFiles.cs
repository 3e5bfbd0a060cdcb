using System.Reflection;
using System.Text;
using YamlDotNet.Serialization;

namespace CnnZoo.Cli.Katib;

/// <summary>
/// Writes what <c>cnnzoo compare --emit-katib DIR</c> produces: <c>experiment.yaml</c> (the Katib Experiment with the
/// trial template as a batch Job), <c>volume.yaml</c> (the PersistentVolumeClaim for data and runs), <c>Dockerfile</c>
/// (the worker image) and <c>README.md</c> (the steps, with this experiment's names and paths).
/// </summary>
internal static class KatibFiles
{
    public const string ExperimentFile = "experiment.yaml", VolumeFile = "volume.yaml", DockerFile = "Dockerfile", ReadmeFile = "README.md";

    public static IReadOnlyList<string> Write(string folder, KatibExperimentSettings settings)
    {
        (string Name, string Text)[] files =
        [
            (ExperimentFile, ToYaml(KatibExperiment.Experiment(settings))),
            (VolumeFile, ToYaml(KatibExperiment.VolumeClaim(settings))),
            (DockerFile, DockerfileText()),
            (ReadmeFile, Readme(settings, folder)),
        ];
        Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(folder, name), text, utf8);
        return files.Select(f => Path.Combine(folder, f.Name)).ToList();
    }

    /// <summary>YAML with every string that would read as another type (numbers, booleans) quoted, so Katib gets strings where its Go types want them.</summary>
    public static string ToYaml(object tree) =>
        new SerializerBuilder().WithQuotingNecessaryStrings().DisableAliases().Build().Serialize(tree);

    private static string DockerfileText()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CnnZoo.Cli.Katib.Dockerfile")
            ?? throw new InvalidOperationException("The worker's Dockerfile is not embedded in the cnnzoo assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Readme(KatibExperimentSettings s, string folder)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Katib experiment `{s.Name}`").AppendLine();
        text.AppendLine("Written by `cnnzoo compare --emit-katib`; docs/katib.md in the CnnZoo.MLNet repository explains each step.").AppendLine();
        text.AppendLine("1. Build and push the worker image from the root of the checkout:");
        text.AppendLine($"   `docker build -f {Path.Combine(folder, DockerFile)} -t {s.Image} <checkout> && docker push {s.Image}`");
        text.AppendLine($"2. Create the shared volume: `kubectl apply -f {VolumeFile}` (ReadWriteMany, {s.VolumeSize}).");
        text.AppendLine("3. Copy the data onto the volume (e.g. through a pod that mounts it):");
        foreach (var (local, onVolume) in s.Data.Copies) text.AppendLine($"   - `{local}` → `<volume>/{onVolume}`");
        text.AppendLine($"4. Start the experiment: `kubectl apply -f {ExperimentFile}`; watch it with `kubectl -n {s.Namespace} get experiment {s.Name}`.");
        text.AppendLine($"5. Copy the volume's `{KatibNames.RunsFolder}/` folder back and collect: `cnnzoo compare --collect <that folder>` with the same");
        text.AppendLine("   dataset, model, epoch, learning-rate, batch-size, validation and seed options as the command that wrote this folder.");
        return text.ToString();
    }
}
