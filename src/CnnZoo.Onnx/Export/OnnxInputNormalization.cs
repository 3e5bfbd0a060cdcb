namespace CnnZoo.Onnx.Export;

/// <summary>
/// Per-channel input statistics an exported graph applies before the network: <c>(x − Mean[c]) / Std[c]</c>
/// (<see cref="OnnxExportOptions.Normalization"/>).
/// </summary>
/// <param name="Mean">One mean per input channel, in the units of the graph's input.</param>
/// <param name="Std">One standard deviation per input channel; each must be positive.</param>
public sealed record OnnxInputNormalization(IReadOnlyList<float> Mean, IReadOnlyList<float> Std)
{
    /// <summary>Checks the statistics against a model with <paramref name="channels"/> input channels.</summary>
    internal void Validate(int channels)
    {
        ArgumentNullException.ThrowIfNull(Mean, nameof(Mean));
        ArgumentNullException.ThrowIfNull(Std, nameof(Std));
        if (Mean.Count != channels || Std.Count != channels)
            throw new ArgumentException($"The input normalisation has {Mean.Count} mean(s) and {Std.Count} std(s); the model takes {channels} channel(s).", nameof(OnnxExportOptions.Normalization));
        if (Mean.Any(m => !float.IsFinite(m)) || Std.Any(s => !float.IsFinite(s) || s <= 0))
            throw new ArgumentException($"The input normalisation needs finite means and positive finite stds; got mean [{string.Join(", ", Mean)}], std [{string.Join(", ", Std)}].", nameof(OnnxExportOptions.Normalization));
    }
}
