namespace CnnZoo.MLNet.Comparison;

/// <summary>The Pareto front of points that trade a cost (lower is better) against a score (higher is better).</summary>
public static class ParetoFront
{
    /// <summary>
    /// Indices of the points no other point dominates (another point dominates when it costs no more, scores no less
    /// and is strictly better in one of the two), in increasing cost. Equal points are all on the front.
    /// </summary>
    public static IReadOnlyList<int> Indices(IReadOnlyList<(double Cost, double Score)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return Enumerable.Range(0, points.Count)
            .Where(i => !Enumerable.Range(0, points.Count).Any(j => Dominates(points[j], points[i])))
            .OrderBy(i => points[i].Cost).ThenByDescending(i => points[i].Score)
            .ToList();
    }

    private static bool Dominates((double Cost, double Score) a, (double Cost, double Score) b) =>
        a.Cost <= b.Cost && a.Score >= b.Score && (a.Cost < b.Cost || a.Score > b.Score);
}
