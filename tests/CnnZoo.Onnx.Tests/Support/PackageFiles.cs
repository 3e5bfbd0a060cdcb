namespace CnnZoo.Onnx.Tests.Support;

/// <summary>The package's files as its build props copy them into this test's output folder, and scratch copies of them.</summary>
internal static class PackageFiles
{
    public static string Model => Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");
    public static string Preprocess => Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNetPrepOnnx", "ResNetPreprocess.onnx");

    /// <summary>A fresh empty folder under the temp directory.</summary>
    public static string EmptyFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cnnzoo-onnx-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A copy of the model file with <paramref name="damage"/> applied to its bytes.</summary>
    public static string DamagedCopy(Func<byte[], byte[]> damage)
    {
        var path = Path.Combine(EmptyFolder(), "ResNet18.onnx");
        File.WriteAllBytes(path, damage(File.ReadAllBytes(Model)));
        return path;
    }
}
