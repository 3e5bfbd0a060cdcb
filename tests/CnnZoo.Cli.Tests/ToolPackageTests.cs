using CnnZoo.Notebooks.Tests;

namespace CnnZoo.Cli.Tests;

/// <summary>
/// The `cnnzoo` dotnet tool as a user gets it: eng/pack.sh packs it (pointer package + this machine's RID package), and
/// `dotnet tool install` from artifacts/packages alone, with its own NuGet config and packages folder so no cache can
/// stand in, installs a tool that lists the models and trains LeNet-5 on a slice of Fashion-MNIST.
/// </summary>
[TestClass]
public sealed class ToolPackageTests
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(25); // 500 MB of libtorch to compress; test projects pack in turn (eng/pack.sh takes a lock)
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(8);

    [TestMethod]
    [TestCategory("Slow")]
    public void PackedToolInstallsListsAndTrains()
    {
        var pack = Repository.Run("bash", ["eng/pack.sh", "--only", "tool", "--configuration", Repository.Configuration], Repository.Root, PackTimeout);
        Assert.AreEqual(0, pack.ExitCode, $"eng/pack.sh failed:\n{pack}");
        var version = pack.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var packages = Path.Combine(Repository.Root, "artifacts", "packages");
        Assert.IsTrue(File.Exists(Path.Combine(packages, $"cnnzoo.{version}.nupkg")), pack.ToString());

        var folder = Path.Combine(Path.GetTempPath(), $"cnnzoo-tool-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var config = Path.Combine(folder, "nuget.config");
            File.WriteAllText(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="cnnzoo-artifacts" value="{packages}" />
                  </packageSources>
                </configuration>
                """);
            var isolated = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(folder, "nuget-packages") };
            var tools = Path.Combine(folder, "tools");
            var install = Repository.Run("dotnet",
                ["tool", "install", "cnnzoo", "--tool-path", tools, "--add-source", packages, "--version", version, "--configfile", config],
                folder, StepTimeout, isolated);
            Assert.AreEqual(0, install.ExitCode, $"dotnet tool install failed:\n{install}");

            var cnnzoo = Path.Combine(tools, "cnnzoo");
            var list = Repository.Run(cnnzoo, ["list"], folder, StepTimeout);
            Assert.AreEqual(0, list.ExitCode, list.ToString());
            StringAssert.Contains(list.Out, "resnet18");
            StringAssert.Contains(list.Out, "lenet5");

            var model = Path.Combine(folder, "model.zip");
            var train = Repository.Run(cnnzoo,
                ["train", "--model", "lenet5", "--data-folder", "/usr/share/datasets/fashion-mnist", "--rows", "300", "--test-rows", "100", "--epochs", "1", "--output", model],
                folder, StepTimeout);
            Assert.AreEqual(0, train.ExitCode, train.ToString());
            Assert.IsTrue(File.Exists(model), $"no {model}:\n{train}");
            Assert.IsGreaterThan(0L, new FileInfo(model).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
