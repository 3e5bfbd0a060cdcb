namespace CnnZoo.MLNet.Comparison;

/// <summary>Macro-averaged F1 from a confusion matrix (rows = true class, columns = predicted class).</summary>
internal static class MacroF1
{
    /// <summary>
    /// The mean over classes of 2·TP / (2·TP + FP + FN), over the classes that occur among the labels or the
    /// predictions (as scikit-learn's <c>f1_score(average="macro")</c>); 0 for an empty matrix.
    /// </summary>
    public static double From(IReadOnlyList<IReadOnlyList<double>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var classes = counts.Count;
        double sum = 0;
        var present = 0;
        for (var c = 0; c < classes; c++)
        {
            var truePositives = counts[c][c];
            var actual = counts[c].Sum();
            var predicted = Enumerable.Range(0, classes).Sum(row => counts[row][c]);
            var denominator = actual + predicted; // = 2·TP + FP + FN
            if (denominator <= 0) continue;
            sum += 2 * truePositives / denominator;
            present++;
        }
        return present == 0 ? 0 : sum / present;
    }
}
