namespace CnnZoo.MLNet.Training;

// The settings behind each preset name: the papers' numbers, as the names' summaries give them.
public static partial class TrainingPresets
{
    private static readonly Dictionary<string, TrainingSettings> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        [AlexNet] = PaperSgd(learningRate: 0.01, batchSize: 128, weightDecay: 5e-4, epochs: 90),
        [Vgg] = PaperSgd(learningRate: 0.01, batchSize: 256, weightDecay: 5e-4, epochs: 74),
        [ResNet] = PaperSgd(learningRate: 0.1, batchSize: 256, weightDecay: 1e-4, epochs: 120),
        [ResNetCifar] = new TrainingSettings
        {
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.1, Momentum = 0.9, WeightDecay = 1e-4, BatchSize = 128, Epochs = 164,
            Schedule = LearningRateSchedule.MultiStep(0.1, 0.5, 0.75), WarmupEpochs = 1,
        },
        [GoogLeNet] = new TrainingSettings
        {
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.01, Momentum = 0.9, WeightDecay = 2e-4, BatchSize = 128, Epochs = 90,
            Schedule = LearningRateSchedule.Step(8, 0.96),
        },
        [AdamWCosine] = new TrainingSettings
        {
            Optimizer = OptimizerKind.AdamW, LearningRate = 3e-3, WeightDecay = 0.05, BatchSize = 128, Epochs = 30,
            Schedule = LearningRateSchedule.Cosine(), WarmupEpochs = 1, LabelSmoothing = 0.1,
        },
        [FineTune] = new TrainingSettings
        {
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.01, Momentum = 0.9, Nesterov = true, WeightDecay = 1e-4, BatchSize = 32,
            Epochs = 10, Schedule = LearningRateSchedule.Cosine(), WarmupEpochs = 1, LabelSmoothing = 0.1, FineTune = new FineTuning(),
        },
    };

    private static TrainingSettings PaperSgd(double learningRate, int batchSize, double weightDecay, int epochs) => new()
    {
        Optimizer = OptimizerKind.Sgd, LearningRate = learningRate, Momentum = 0.9, WeightDecay = weightDecay,
        BatchSize = batchSize, Epochs = epochs,
        // Three ÷10 steps take the rate to a thousandth of the start, as AlexNet's schedule did.
        Schedule = LearningRateSchedule.ReduceOnPlateau(factor: 0.1, patience: 5, minLearningRate: learningRate / 1000),
    };
}
