using static TorchSharp.torch;

namespace CnnZoo.MLNet.Training;

/// <summary>The training criterion: cross-entropy with label smoothing, plus the model's weighted auxiliary losses (GoogLeNet's).</summary>
internal static class TrainingLoss
{
    /// <param name="Total">What is back-propagated.</param>
    /// <param name="Main">The main head's loss (what is reported).</param>
    /// <param name="Logits">The main head's logits.</param>
    public readonly record struct Output(Tensor Total, Tensor Main, Tensor Logits);

    /// <summary>Runs the model in its current mode; tensors land in the caller's dispose scope.</summary>
    public static Output Compute(NormalizedClassifier model, Tensor images, Tensor labels, TrainingSettings settings)
    {
        var smoothing = settings.LabelSmoothing;
        var auxWeights = AuxiliaryWeights(model, settings);
        if (auxWeights.Any(weight => weight > 0))
        {
            var (logits, auxiliary) = model.ForwardWithAux(images);
            var main = CrossEntropy(logits, labels, smoothing);
            var total = main;
            // Heads of equal weight are summed before weighting, so GoogLeNet's loss is main + 0.3·(aux1 + aux2) as in the paper.
            foreach (var heads in auxiliary.Zip(auxWeights).Where(head => head.Second > 0).GroupBy(head => head.Second))
            {
                var sum = heads.Select(head => CrossEntropy(head.First, labels, smoothing)).Aggregate((a, b) => a.add(b));
                total = total.add(sum, alpha: heads.Key);
            }
            return new Output(total, main, logits);
        }
        var plainLogits = model.call(images);
        var loss = CrossEntropy(plainLogits, labels, smoothing);
        return new Output(loss, loss, plainLogits);
    }

    /// <summary>The weight of each auxiliary head in training: <see cref="TrainingSettings.AuxLossWeight"/> for all where set, else the model's own.</summary>
    private static IReadOnlyList<double> AuxiliaryWeights(NormalizedClassifier model, TrainingSettings settings)
    {
        var declared = model.AuxiliaryLossWeights;
        return settings.AuxLossWeight is double weight ? declared.Select(_ => weight).ToArray() : declared;
    }

    private static Tensor CrossEntropy(Tensor logits, Tensor labels, double smoothing) =>
        nn.functional.cross_entropy(logits, labels, label_smoothing: smoothing);
}
