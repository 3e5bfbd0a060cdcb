namespace CnnZoo.Notebooks.Tests;

/// <summary>
/// The packed CnnZoo.MLNet in a new console app on ML.NET 6.0.0, referenced as a user would: it restores and builds with
/// warnings as errors (no NU1608/NU1605/NU1603), trains and saves, and a second process loads the model and predicts.
/// </summary>
[TestClass]
public sealed class ConsumerAppTests
{
    [TestMethod]
    [TestCategory("Slow")]
    public void AnMlNet6AppBuildsWithoutWarningsTrainsSavesReloadsAndPredicts()
    {
        var version = PackedPackages.Version;
        var app = Directory.CreateTempSubdirectory("cnnzoo-consumer-").FullName;
        try
        {
            var template = Path.Combine(Repository.Root, "tests", "CnnZoo.Notebooks.Tests", "ConsumerApp");
            File.Copy(Path.Combine(template, "Program.cs"), Path.Combine(app, "Program.cs"));
            File.WriteAllText(Path.Combine(app, "ConsumerApp.csproj"),
                File.ReadAllText(Path.Combine(template, "ConsumerApp.csproj.template")).Replace("$(CnnZooVersion)", version, StringComparison.Ordinal));
            File.Copy(Path.Combine(Repository.NotebooksFolder, "NuGet.Config"), Path.Combine(app, "NuGet.Config"));
            File.WriteAllText(Path.Combine(app, "NuGet.Config"), File.ReadAllText(Path.Combine(app, "NuGet.Config"))
                .Replace("../../artifacts/packages", PackedPackages.Folder, StringComparison.Ordinal));

            var build = Repository.Run("dotnet", ["build", "-c", "Release", "--nologo", "-warnaserror"], app, TimeSpan.FromMinutes(8));
            Assert.AreEqual(0, build.ExitCode, $"the app did not build:\n{build}");
            foreach (var code in new[] { "NU1608", "NU1605", "NU1603", ": warning " })
                Assert.IsFalse(build.Out.Contains(code, StringComparison.Ordinal), $"the build reported {code.Trim(' ', ':')}:\n{build}");
            StringAssert.Contains(build.Out, "0 Warning(s)");

            var dll = Path.Combine(app, "bin", "Release", "net10.0", "ConsumerApp.dll");
            var model = Path.Combine(app, "model.zip");
            var train = Repository.Run("dotnet", [dll, "train", model], app, TimeSpan.FromMinutes(5));
            Assert.AreEqual(0, train.ExitCode, $"training failed:\n{train}");
            StringAssert.Contains(train.Out, "trained: accuracy");
            Assert.IsTrue(File.Exists(model), "no model.zip was written");

            var predict = Repository.Run("dotnet", [dll, "predict", model], app, TimeSpan.FromMinutes(5));
            Assert.AreEqual(0, predict.ExitCode, $"loading and predicting in a new process failed:\n{predict}");
            var lines = predict.Out.Split('\n').Where(l => l.StartsWith("predicted: ", StringComparison.Ordinal)).ToList();
            Assert.AreEqual(5, lines.Count, predict.ToString());
            // The label's text (MapKeyToValue after a reload), not a key number or an empty value.
            foreach (var line in lines)
                Assert.IsTrue(System.Text.RegularExpressions.Regex.IsMatch(line, @"^predicted: [A-Za-z][A-Za-z /-]* \(true: "), $"not a class name: {line}");
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }
}
