namespace CnnZoo.Cli.Tests.Katib;

/// <summary>A fresh folder under the temporary directory, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cnnzoo-katib-{Guid.NewGuid():N}");

    public TempFolder() => Directory.CreateDirectory(Path);

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
