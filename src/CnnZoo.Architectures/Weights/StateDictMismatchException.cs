using System.Text;

namespace CnnZoo.Architectures.Weights;

/// <summary>
/// A strict load found a source that does not match the module; nothing was loaded.
/// The message names the offending keys with their shapes.
/// </summary>
public sealed class StateDictMismatchException : Exception
{
    private const int KeysPerList = 10;

    /// <summary>Creates the exception from the three lists of differences.</summary>
    /// <param name="missing">Module keys (with their shapes) absent from the source.</param>
    /// <param name="unexpected">Source keys (with their shapes) absent from the module.</param>
    /// <param name="shapeMismatches">Keys in both with different shapes.</param>
    /// <param name="what">What did not match, as the message's opening (default: the state dict and the module).</param>
    internal StateDictMismatchException(
        IReadOnlyList<(string Key, long[] Shape)> missing,
        IReadOnlyList<(string Key, long[] Shape)> unexpected,
        IReadOnlyList<ShapeMismatch> shapeMismatches,
        string what = "the state dict does not match the module")
        : base(BuildMessage(missing, unexpected, shapeMismatches, what))
    {
        Missing = missing.Select(m => m.Key).ToArray();
        Unexpected = unexpected.Select(u => u.Key).ToArray();
        ShapeMismatches = shapeMismatches;
    }

    /// <summary>Keys the module has but the source lacks, in module order.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Keys the source has but the module lacks, in source order.</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>Keys in both whose shapes differ.</summary>
    public IReadOnlyList<ShapeMismatch> ShapeMismatches { get; }

    private static string BuildMessage(
        IReadOnlyList<(string Key, long[] Shape)> missing,
        IReadOnlyList<(string Key, long[] Shape)> unexpected,
        IReadOnlyList<ShapeMismatch> shapeMismatches,
        string what)
    {
        var message = new StringBuilder().Append(char.ToUpperInvariant(what[0])).Append(what, 1, what.Length - 1).Append("; nothing was loaded.");
        AppendList(message, "missing from the source", missing.Select(m => $"{m.Key} {ElementTypes.FormatShape(m.Shape)}").ToList());
        AppendList(message, "unexpected (not in the module)", unexpected.Select(u => $"{u.Key} {ElementTypes.FormatShape(u.Shape)}").ToList());
        AppendList(message, "with mismatched shapes", shapeMismatches.Select(s => s.ToString()).ToList());
        return message.ToString();
    }

    private static void AppendList(StringBuilder message, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0) return;
        message.Append(' ').Append(items.Count).Append(items.Count == 1 ? " key " : " keys ").Append(title).Append(": ");
        message.AppendJoin(", ", items.Take(KeysPerList));
        if (items.Count > KeysPerList) message.Append(", and ").Append(items.Count - KeysPerList).Append(" more");
        message.Append('.');
    }
}
