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
    public const string ExperimentFile = "experiment.yaml";
    public const string VolumeFile = "volume.yaml";
    public const string DockerFile = "Dockerfile";
    public const string ReadmeFile = "README.md";

    public static IReadOnlyList<string> Write(string folder, KatibExperimentSettings settings)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        void Write(string name, string text)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            written.Add(path);
        }
        Write(ExperimentFile, ToYaml(KatibExperiment.Experiment(settings)));
        Write(VolumeFile, ToYaml(KatibExperiment.VolumeClaim(settings)));
        Write(DockerFile, DockerfileText());
        Write(ReadmeFile, Readme(settings, folder));
        return written;
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
