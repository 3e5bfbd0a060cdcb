using static TorchSharp.torch;

namespace CnnZoo.MLNet.Training;

/// <summary>The training criterion: cross-entropy with label smoothing, plus GoogLeNet's weighted auxiliary losses.</summary>
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
        if (model.HasAuxClassifiers && settings.AuxLossWeight > 0)
        {
            var (logits, aux1, aux2) = model.ForwardWithAux(images);
            var main = CrossEntropy(logits, labels, smoothing);
            var auxiliary = CrossEntropy(aux1, labels, smoothing).add(CrossEntropy(aux2, labels, smoothing));
            return new Output(main.add(auxiliary, alpha: settings.AuxLossWeight), main, logits);
        }
        var plainLogits = model.call(images);
        var loss = CrossEntropy(plainLogits, labels, smoothing);
        return new Output(loss, loss, plainLogits);
    }

    private static Tensor CrossEntropy(Tensor logits, Tensor labels, double smoothing) =>
        nn.functional.cross_entropy(logits, labels, label_smoothing: smoothing);
}
