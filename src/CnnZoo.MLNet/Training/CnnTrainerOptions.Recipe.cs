namespace CnnZoo.MLNet.Training;

public sealed partial class CnnTrainer
{
    // The training recipe: every option left null here comes from the preset (ToSettings combines them).
    public sealed partial class Options
    {
        /// <summary>Named recipe the unset options come from (<see cref="TrainingPresets.Names"/>); null = the architecture's own.</summary>
        public string? Preset { get; set; }
        /// <summary>Passes over the training data (1–100,000).</summary>
        public int? Epochs { get; set; }
        /// <summary>Images per optimiser step (1–65,536).</summary>
        public int? BatchSize { get; set; }
        /// <summary>Initial learning rate (&gt; 0).</summary>
        public double? LearningRate { get; set; }
        /// <summary>SGD (momentum/Nesterov), Adam or AdamW.</summary>
        public OptimizerKind? Optimizer { get; set; }
        /// <summary>SGD momentum in [0, 1).</summary>
        public double? Momentum { get; set; }
        /// <summary>Nesterov momentum for SGD.</summary>
        public bool? Nesterov { get; set; }
        /// <summary>L2 weight decay (decoupled for AdamW), ≥ 0.</summary>
        public double? WeightDecay { get; set; }
        /// <summary>Learning-rate schedule: step, reduce-on-plateau, cosine, one-cycle … (<see cref="LearningRateSchedule"/>).</summary>
        public LearningRateSchedule? Schedule { get; set; }
        /// <summary>Linear warm-up length in epochs, ≥ 0.</summary>
        public double? WarmupEpochs { get; set; }
        /// <summary>Label smoothing in [0, 1).</summary>
        public double? LabelSmoothing { get; set; }

        /// <summary>The effective training settings: the preset overridden by every option that is set, validated.</summary>
        public TrainingSettings ToSettings(int seed)
        {
            var preset = TrainingPresets.Get(Preset ?? (Pretrained is null ? TrainingPresets.NameFor(Architecture) : TrainingPresets.FineTune));
            var settings = preset with
            {
                Epochs = Epochs ?? preset.Epochs,
                ImagesPerEpoch = ImagesPerEpoch ?? preset.ImagesPerEpoch,
                BatchSize = BatchSize ?? preset.BatchSize,
                LearningRate = LearningRate ?? preset.LearningRate,
                Optimizer = Optimizer ?? preset.Optimizer,
                Momentum = Momentum ?? preset.Momentum,
                Nesterov = Nesterov ?? preset.Nesterov,
                WeightDecay = WeightDecay ?? preset.WeightDecay,
                Schedule = Schedule ?? preset.Schedule,
                WarmupEpochs = WarmupEpochs ?? preset.WarmupEpochs,
                LabelSmoothing = LabelSmoothing ?? preset.LabelSmoothing,
                Seed = seed,
                EarlyStoppingPatience = EarlyStoppingPatience ?? preset.EarlyStoppingPatience,
                RestoreBestEpoch = RestoreBestEpoch,
                CheckpointDirectory = CheckpointDirectory,
                ResumeFromCheckpoint = ResumeFromCheckpoint,
                ReportEverySteps = ReportEverySteps,
                FineTune = Pretrained is null ? null : FineTune ?? preset.FineTune ?? new FineTuning(),
            };
            settings.Validate(SettingsChecks.TrainerOptions);
            return settings;
        }
    }
}
