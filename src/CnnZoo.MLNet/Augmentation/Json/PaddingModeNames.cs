namespace CnnZoo.MLNet.Augmentation;

/// <summary>The JSON spelling of <see cref="PaddingMode"/>: torchvision's lower-case names, so the file reads like Python.</summary>
internal static class PaddingModeNames
{
    public static string ToJson(PaddingMode mode) => mode switch
    {
        PaddingMode.Constant => "constant",
        PaddingMode.Edge => "edge",
        PaddingMode.Reflect => "reflect",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown padding mode."),
    };

    public static PaddingMode FromJson(string name, string property) => name.ToLowerInvariant() switch
    {
        "constant" => PaddingMode.Constant,
        "edge" => PaddingMode.Edge,
        "reflect" => PaddingMode.Reflect,
        _ => throw new FormatException($"'{property}' must be one of \"constant\", \"edge\", \"reflect\"; got \"{name}\"."),
    };
}
