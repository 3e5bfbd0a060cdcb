namespace CnnZoo.MLNet.Tests;

/// <summary>A fresh temporary folder for one reader test, deleted on dispose.</summary>
internal sealed class ReaderTempFolder : IDisposable
{
    public ReaderTempFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "cnnzoo-readers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>The full path of <paramref name="relative"/> inside the folder; its parent folders are created.</summary>
    public string File(string relative)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Creates (and returns) a sub-folder.</summary>
    public string Folder(string relative) => Directory.CreateDirectory(Path.Combine(Root, relative)).FullName;

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
