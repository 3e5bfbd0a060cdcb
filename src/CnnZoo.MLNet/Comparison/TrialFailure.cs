namespace CnnZoo.MLNet.Comparison;

/// <summary>A trial whose training or evaluation threw.</summary>
/// <param name="Trial">The trial.</param>
/// <param name="Rung">The rung it failed on (0-based). A trial that failed on rung 0 has no leaderboard row.</param>
/// <param name="Message">The exception's type and message.</param>
public sealed record TrialFailure(TrialConfig Trial, int Rung, string Message);
