namespace CnnZoo.Onnx.Pretrained;

/// <summary>
/// Finds the ONNX files of ML.NET's <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package: in the app's output folder,
/// where the package's build props copy <c>DnnImageModels/</c>, or in the NuGet global packages folder.
/// </summary>
internal static class DnnImageFeaturizerPackage
{
    public const string Id = "Microsoft.ML.DnnImageFeaturizer.ResNet18";
    public const string Version = "0.24.0";
    public const string PackageReference = $"<PackageReference Include=\"{Id}\" Version=\"{Version}\" />";

    // Paths below DnnImageModels/, as the package's props link them into the output folder.
    private static readonly string ModelFile = Path.Combine("ResNet18Onnx", "ResNet18.onnx");
    private static readonly string PreprocessFile = Path.Combine("ResNetPrepOnnx", "ResNetPreprocess.onnx");

    /// <summary>The model and preprocessing graphs under the app's folder, else under the global packages folder.</summary>
    /// <exception cref="FileNotFoundException">Neither place has them; the message names the package to add.</exception>
    public static (string Model, string Preprocess) Locate(string appDirectory, string? globalPackagesFolder)
    {
        var candidates = new List<string> { Path.Combine(appDirectory, "DnnImageModels") };
        if (globalPackagesFolder is not null)
            candidates.Add(Path.Combine(globalPackagesFolder, Id.ToLowerInvariant(), Version, "tools", "DnnImageModels"));
        foreach (var folder in candidates)
        {
            var (model, preprocess) = (Path.Combine(folder, ModelFile), Path.Combine(folder, PreprocessFile));
            if (File.Exists(model) && File.Exists(preprocess)) return (model, preprocess);
        }
        throw new FileNotFoundException(
            $"The pretrained ResNet-18 comes from ML.NET's NuGet package {Id} {Version}, which is not restored here. "
            + $"Add {PackageReference} to your project and build (it copies DnnImageModels/ next to your app). "
            + $"Looked for {ModelFile} and {PreprocessFile} in: {string.Join("; ", candidates)}.",
            Path.Combine(candidates[0], ModelFile));
    }

    /// <summary>NuGet's global packages folder: <c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>; null when neither can be named.</summary>
    public static string? GlobalPackagesFolder()
    {
        var configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".nuget", "packages");
    }
}
