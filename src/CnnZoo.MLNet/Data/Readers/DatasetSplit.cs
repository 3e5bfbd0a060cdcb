namespace CnnZoo.MLNet.Data.Readers;

/// <summary>Parses the <c>split</c> argument of the dataset loaders: "train" or "test".</summary>
internal static class DatasetSplit
{
    /// <summary>Returns true for "train", false for "test" (case-insensitive); anything else is an <see cref="ArgumentException"/>.</summary>
    public static bool IsTrain(string split)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (split.Equals("train", StringComparison.OrdinalIgnoreCase))
            return true;
        if (split.Equals("test", StringComparison.OrdinalIgnoreCase))
            return false;
        var looksLikeAFolder = split.Contains('/') || split.Contains('\\') || Directory.Exists(split);
        throw new ArgumentException($"Unknown split '{split}': use \"train\" or \"test\"." +
            (looksLikeAFolder ? " It looks like a folder: were the split and folder arguments swapped?" : ""), nameof(split));
    }
}
