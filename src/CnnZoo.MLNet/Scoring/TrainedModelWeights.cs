using CnnZoo.Architectures.Weights;

namespace CnnZoo.MLNet.Scoring;

/// <summary>A trained CnnZoo model's network as starting weights for another task (its head is replaced there).</summary>
internal sealed class TrainedModelWeights(CnnTransformerBase trained) : PretrainedWeights
{
    public override string Description => $"the weights of the trained {trained.Architecture} model";

    // The statistics the model was trained with: its inputs look the same to the new task's network.
    public override InputNormalization? Normalization
    {
        get
        {
            var statistics = trained.Network.Module.Normalization.Statistics;
            return new InputNormalization(statistics.Mean, statistics.Std);
        }
    }

    protected override StateDict Read()
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        var copy = new StateDict();
        foreach (var (key, tensor) in trained.Network.Model.state_dict())
            copy.Add(key, tensor.detach().cpu().clone().DetachFromDisposeScope());
        return copy;
    }
}
