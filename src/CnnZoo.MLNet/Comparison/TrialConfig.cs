using System.Globalization;

namespace CnnZoo.MLNet.Comparison;

/// <summary>One trial of a comparison: an architecture with the learning rate and batch size it trains with.</summary>
/// <param name="Index">Position in the comparison's trial list (0-based; candidates × learning rates × batch sizes, in that order).</param>
/// <param name="Architecture">Registry name of the architecture.</param>
/// <param name="LearningRate">Initial learning rate (from the search space, else the recipe's).</param>
/// <param name="BatchSize">Images per step (from the search space, else the recipe's).</param>
/// <param name="Name">How reports name the trial: the architecture, plus <c>lr=… bs=…</c> where the search space varies them.</param>
public sealed record TrialConfig(int Index, string Architecture, double LearningRate, int BatchSize, string Name)
{
    /// <summary>The name with the hyper-parameters shown when <paramref name="showHyperParameters"/> is set.</summary>
    internal static string NameOf(string architecture, double learningRate, int batchSize, bool showHyperParameters) =>
        showHyperParameters ? string.Create(CultureInfo.InvariantCulture, $"{architecture} lr={learningRate:G4} bs={batchSize}") : architecture;

    /// <inheritdoc />
    public override string ToString() => Name;
}
