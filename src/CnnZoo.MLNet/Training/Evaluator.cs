using CnnZoo.MLNet.Data;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Training;

/// <summary>Mean cross-entropy and accuracy over a data set, in eval mode without gradients.</summary>
internal static class Evaluator
{
    /// <summary>The metrics, or <c>null</c> when cancellation stopped the pass.</summary>
    public static (double Loss, double Accuracy)? Evaluate(NormalizedClassifier model, IBatchSource data, int batchSize, CancellationToken cancellationToken)
    {
        model.eval();
        using var _ = no_grad();
        var device = model.Device;
        // Summed on the device and read once at the end, so no batch waits for the host.
        using var lossSum = zeros(1, ScalarType.Float64, device);
        using var correct = zeros(1, ScalarType.Int64, device);
        long images = 0;
        foreach (var batch in data.Batches(batchSize, shuffle: false, generator: null, device))
        {
            using (batch)
            {
                if (cancellationToken.IsCancellationRequested) return null;
                using var scope = NewDisposeScope();
                var logits = model.call(batch.Images);
                lossSum.add_(nn.functional.cross_entropy(logits, batch.Labels, reduction: nn.Reduction.Sum).to_type(ScalarType.Float64));
                correct.add_(logits.argmax(1).eq(batch.Labels).sum());
                images += batch.Count;
            }
        }
        if (images == 0) throw new InvalidOperationException("The validation data yielded no images.");
        return (lossSum.item<double>() / images, correct.item<long>() / (double)images);
    }
}
