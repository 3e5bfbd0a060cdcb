namespace CnnZoo.MLNet.Comparison;

/// <summary>The leaderboard order: higher validation accuracy first, then lower log-loss, then the earlier trial.</summary>
internal sealed class TrialRanking : IComparer<TrialState>
{
    public static TrialRanking Instance { get; } = new();

    public int Compare(TrialState? x, TrialState? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x?.Evaluation is not { } a) return 1;
        if (y?.Evaluation is not { } b) return -1;
        var byAccuracy = b.Accuracy.CompareTo(a.Accuracy);
        if (byAccuracy != 0) return byAccuracy;
        var byLogLoss = a.LogLoss.CompareTo(b.LogLoss);
        return byLogLoss != 0 ? byLogLoss : x.Config.Index.CompareTo(y.Config.Index);
    }
}
