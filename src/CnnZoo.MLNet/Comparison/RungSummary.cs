namespace CnnZoo.MLNet.Comparison;

/// <summary>One rung of successive halving as it ran.</summary>
/// <param name="Rung">0-based rung number.</param>
/// <param name="Epochs">Epochs in total its trials had trained by its end.</param>
/// <param name="Trials">The trials that trained on it, in the order they ran.</param>
/// <param name="Promoted">The trials it sent to the next rung (empty for the last rung).</param>
/// <param name="Stopped">The trials halving stopped after it.</param>
public sealed record RungSummary(int Rung, int Epochs, IReadOnlyList<TrialConfig> Trials, IReadOnlyList<TrialConfig> Promoted, IReadOnlyList<TrialConfig> Stopped);
