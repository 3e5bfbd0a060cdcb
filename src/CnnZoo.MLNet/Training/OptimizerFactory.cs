using TorchSharp.Modules;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// Builds the TorchSharp optimiser a <see cref="TrainingSettings"/> asks for over the trainable parameters, and sets its
/// learning rate. Fine-tuning gives the backbone its own parameter group at a fraction of the head's rate.
/// </summary>
internal static class OptimizerFactory
{
    public static OptimizerHelper Create(NormalizedClassifier model, TrainingSettings settings)
    {
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        if (settings.FineTune is not { } fineTune)
            return Create(trainable.Select(p => p.parameter).ToList(), settings);
        var head = model.Model.HeadKeys.Select(key => NormalizedClassifier.ModelPrefix + key).ToHashSet(StringComparer.Ordinal);
        var groups = new[]
        {
            (Parameters: trainable.Where(p => head.Contains(p.name)).Select(p => p.parameter).ToList(), Rate: settings.LearningRate),
            (Parameters: trainable.Where(p => !head.Contains(p.name)).Select(p => p.parameter).ToList(), Rate: settings.LearningRate * fineTune.BackboneLearningRateFactor),
        }.Where(g => g.Parameters.Count > 0).ToList();
        return settings.Optimizer switch
        {
            OptimizerKind.Sgd => torch.optim.SGD(groups.Select(g => new SGD.ParamGroup(g.Parameters, g.Rate, settings.Momentum, 0, settings.WeightDecay, settings.Nesterov)), settings.LearningRate, settings.Momentum, dampening: 0, settings.WeightDecay, settings.Nesterov),
            OptimizerKind.Adam => torch.optim.Adam(groups.Select(g => new Adam.ParamGroup(g.Parameters, g.Rate, settings.AdamBeta1, settings.AdamBeta2, settings.AdamEpsilon, settings.WeightDecay)), settings.LearningRate, settings.AdamBeta1, settings.AdamBeta2, settings.AdamEpsilon, settings.WeightDecay),
            OptimizerKind.AdamW => torch.optim.AdamW(groups.Select(g => new AdamW.ParamGroup(g.Parameters, g.Rate, settings.AdamBeta1, settings.AdamBeta2, settings.AdamEpsilon, settings.WeightDecay)), settings.LearningRate, settings.AdamBeta1, settings.AdamBeta2, settings.AdamEpsilon, settings.WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Optimizer, "Unknown optimizer."),
        };
    }

    private static OptimizerHelper Create(List<Parameter> parameters, TrainingSettings settings) => settings.Optimizer switch
    {
        OptimizerKind.Sgd => torch.optim.SGD(parameters, settings.LearningRate, settings.Momentum, dampening: 0, settings.WeightDecay, settings.Nesterov),
        OptimizerKind.Adam => torch.optim.Adam(parameters, settings.LearningRate, settings.AdamBeta1, settings.AdamBeta2, settings.AdamEpsilon, settings.WeightDecay),
        OptimizerKind.AdamW => torch.optim.AdamW(parameters, settings.LearningRate, settings.AdamBeta1, settings.AdamBeta2, settings.AdamEpsilon, settings.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Optimizer, "Unknown optimizer."),
    };

    /// <summary>Sets the scheduled rate: the first group (the head, or everything) at it, a fine-tuned backbone's group at its share.</summary>
    public static void SetLearningRate(torch.optim.Optimizer optimizer, double learningRate, TrainingSettings settings)
    {
        var backboneRate = learningRate * (settings.FineTune?.BackboneLearningRateFactor ?? 1);
        foreach (var (group, index) in optimizer.ParamGroups.Select((g, i) => (g, i))) group.LearningRate = index == 0 ? learningRate : backboneRate;
    }
}
