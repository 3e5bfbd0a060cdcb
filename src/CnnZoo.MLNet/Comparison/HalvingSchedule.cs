namespace CnnZoo.MLNet.Comparison;

/// <summary>The arithmetic of successive halving: how long each rung trains and how many trials go on.</summary>
internal static class HalvingSchedule
{
    /// <summary>Total epochs at the end of each rung: <paramref name="minEpochs"/>, ×η, ×η² … capped at and ending with <paramref name="maxEpochs"/>.</summary>
    public static IReadOnlyList<int> RungEpochs(int minEpochs, int maxEpochs, int reductionFactor)
    {
        var rungs = new List<int>();
        long epochs = minEpochs;
        while (epochs < maxEpochs)
        {
            rungs.Add((int)epochs);
            epochs *= reductionFactor;
        }
        rungs.Add(maxEpochs);
        return rungs;
    }

    /// <summary>Trials that go on from a rung of <paramref name="count"/>: the best ⌈count / η⌉, at least one.</summary>
    public static int Survivors(int count, int reductionFactor) => Math.Max(1, (count + reductionFactor - 1) / reductionFactor);
}
