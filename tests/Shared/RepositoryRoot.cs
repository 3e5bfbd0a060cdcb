namespace CnnZoo.Tests;

/// <summary>The checkout the tests run from: the folder holding CnnZoo.MLNet.sln above the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CnnZoo.MLNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No CnnZoo.MLNet.sln above {AppContext.BaseDirectory}.");
    }
}
