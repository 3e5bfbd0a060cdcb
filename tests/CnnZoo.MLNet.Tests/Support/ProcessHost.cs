using System.Diagnostics;

namespace CnnZoo.MLNet.Tests;

/// <summary>Runs tests/CnnZoo.MLNet.ProcessHost (built alongside the tests) as a separate process.</summary>
internal static class ProcessHost
{
    public static string DllPath => SiblingProject("CnnZoo.MLNet.ProcessHost");

    /// <summary>The built program of another project under tests/, referenced by this one with ReferenceOutputAssembly="false".</summary>
    public static string SiblingProject(string name)
    {
        // .../tests/CnnZoo.MLNet.Tests/bin/<Configuration>/<tfm>/ → .../tests/<name>/bin/<Configuration>/<tfm>/
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration, testsRoot) = (testOutput.Name, testOutput.Parent!.Name, testOutput.Parent!.Parent!.Parent!.Parent!.FullName);
        var path = Path.Combine(testsRoot, name, "bin", configuration, tfm, name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build tests/{name} first.", path);
    }

    public static Process Start(params string[] args) => StartProgram(DllPath, args);

    private static Process StartProgram(string dll, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    /// <summary>Runs to completion; returns stdout, failing the test with stderr on a non-zero exit.</summary>
    public static string Run(params string[] args) => RunProgram(DllPath, args);

    /// <summary>Runs the program <paramref name="dll"/> to completion; returns stdout, failing the test with stderr on a non-zero exit.</summary>
    public static string RunProgram(string dll, params string[] args)
    {
        using var process = StartProgram(dll, args);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(true); Assert.Fail("process host timed out"); }
        Assert.AreEqual(0, process.ExitCode, $"process host failed: {stderr.Result}");
        return stdout;
    }
}

/// <summary>Temporary folder removed at dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cnnzoo-tests-" + Guid.NewGuid().ToString("N"));
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } }
}
