using TorchSharp.Modules;

namespace CnnZoo.MLNet.Training;

/// <summary>Builds the TorchSharp optimiser a <see cref="TrainingSettings"/> asks for, and sets its learning rate.</summary>
internal static class OptimizerFactory
{
    public static OptimizerHelper Create(torch.nn.Module model, TrainingSettings settings)
    {
        var parameters = model.parameters().Where(p => p.requires_grad).ToList();
        return settings.Optimizer switch
        {
            OptimizerKind.Sgd => torch.optim.SGD(parameters, settings.LearningRate, settings.Momentum, dampening: 0, settings.WeightDecay, settings.Nesterov),
            OptimizerKind.Adam => torch.optim.Adam(parameters, settings.LearningRate, settings.AdamBeta1, settings.AdamBeta2, settings.AdamEpsilon, settings.WeightDecay),
            OptimizerKind.AdamW => torch.optim.AdamW(parameters, settings.LearningRate, settings.AdamBeta1, settings.AdamBeta2, settings.AdamEpsilon, settings.WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Optimizer, "Unknown optimizer."),
        };
    }

    public static void SetLearningRate(torch.optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }
}
