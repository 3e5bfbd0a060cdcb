namespace CnnZoo.Benchmarks.Transfer;

/// <summary>One recipe on one task.</summary>
/// <param name="Task">The task's name.</param>
/// <param name="Recipe">The recipe.</param>
/// <param name="InputSize">The image side the network saw.</param>
/// <param name="Accuracy">Test accuracy (micro).</param>
/// <param name="MacroAccuracy">Test accuracy averaged over classes.</param>
/// <param name="FitSeconds">Wall time of <c>Fit</c> (featurizing or training).</param>
/// <param name="TestSeconds">Wall time of scoring and evaluating the test images.</param>
/// <param name="TrainImages">Training images.</param>
/// <param name="TestImages">Test images.</param>
public sealed record TransferResult(string Task, TransferRecipe Recipe, int InputSize, double Accuracy, double MacroAccuracy, double FitSeconds, double TestSeconds, int TrainImages, int TestImages)
{
    /// <summary>Fit plus test time.</summary>
    public double TotalSeconds => FitSeconds + TestSeconds;
}
