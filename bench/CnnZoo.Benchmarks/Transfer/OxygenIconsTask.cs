using System.Security.Cryptography;
using System.Text;

namespace CnnZoo.Benchmarks.Transfer;

/// <summary>
/// A few-shot colour task a Debian package ships: the Oxygen icon theme's 64×64 PNGs (<c>oxygen-icon-theme</c>,
/// transparent backgrounds), classified by the folder they are filed in — six kinds of icon. Symbolic links (aliases of
/// other icons) and byte-identical copies are left out; each class's files are ordered by a hash of their name (a fixed
/// shuffle), the first <c>perClass</c> train and up to <c>testPerClass</c> of the rest test.
/// </summary>
public static class OxygenIconsTask
{
    /// <summary>Where oxygen-icon-theme puts its 64×64 icons.</summary>
    public const string DefaultFolder = "/usr/share/icons/oxygen/base/64x64";

    /// <summary>The six classes: every folder with at least 45 distinct icons.</summary>
    public static IReadOnlyList<string> Classes { get; } = ["actions", "apps", "devices", "mimetypes", "places", "status"];

    /// <summary>Builds the task.</summary>
    /// <exception cref="DirectoryNotFoundException">The icon theme is not installed (run <c>bash eng/setup.sh</c>).</exception>
    public static TransferTask Create(string? folder, int perClass, int testPerClass)
    {
        folder ??= DefaultFolder;
        var train = new List<LabeledImage>();
        var test = new List<LabeledImage>();
        foreach (var label in Classes)
        {
            var classFolder = Path.Combine(folder, label);
            if (!Directory.Exists(classFolder))
                throw new DirectoryNotFoundException($"{classFolder} is missing: install Debian's oxygen-icon-theme (`bash eng/setup.sh` does) or pass --icons.");
            var files = Distinct(Directory.EnumerateFiles(classFolder, "*.png").Where(f => (File.GetAttributes(f) & FileAttributes.ReparsePoint) == 0))
                .OrderBy(f => NameHash(Path.GetFileName(f)), StringComparer.Ordinal).ToArray();
            train.AddRange(files.Take(perClass).Select(f => new LabeledImage(f, label)));
            test.AddRange(files.Skip(perClass).Take(testPerClass).Select(f => new LabeledImage(f, label)));
        }
        return new TransferTask("oxygen-icons",
            $"Oxygen icons ({folder}, Debian oxygen-icon-theme): {string.Join(", ", Classes)}; {perClass} training icons per class, up to {testPerClass} test icons per class ({test.Count}); 64x64 transparent PNGs",
            train, test, Grey: false);
    }

    // The first file (by name) of each set of byte-identical files.
    private static IEnumerable<string> Distinct(IEnumerable<string> files) =>
        files.Order(StringComparer.Ordinal).GroupBy(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))).Select(g => g.First());

    private static string NameHash(string name) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
}
