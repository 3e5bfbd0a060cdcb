using CnnZoo.Architectures;
using CnnZoo.MLNet.Bridge;
using CnnZoo.MLNet.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CnnZoo.MLNet.Training;

public sealed partial class CnnTrainer
{
    /// <summary>
    /// Everything <see cref="CnnTrainer"/> can be told. Unset (null) training options come from <see cref="Preset"/>,
    /// which defaults to the architecture's paper recipe (<see cref="TrainingPresets.NameFor"/>); set any of them to override.
    /// </summary>
    public sealed partial class Options
    {
        /// <summary>Registry name of the architecture (<c>lenet5</c>, <c>resnet18</c>, … see <c>ModelZoo.Names</c>).</summary>
        public string Architecture { get; set; } = "lenet5";
        /// <summary>Key-typed label column.</summary>
        public string LabelColumnName { get; set; } = MlNetNames.Label;
        /// <summary>Image column: <c>Vector&lt;Single, C, H, W&gt;</c>, <c>Image</c>, or <c>VarVector&lt;Byte&gt;</c> of encoded images.</summary>
        public string FeatureColumnName { get; set; } = MlNetNames.Features;
        /// <summary>Output column of class probabilities.</summary>
        public string ScoreColumnName { get; set; } = MlNetNames.Score;
        /// <summary>Output key column of the predicted class.</summary>
        public string PredictedLabelColumnName { get; set; } = MlNetNames.PredictedLabel;

        /// <summary>Validation data (same schema as the training data), for early stopping, plateau schedules and best-epoch restore.</summary>
        public IDataView? ValidationSet { get; set; }
        /// <summary>Share of the training data held out for validation when <see cref="ValidationSet"/> is not given, in [0, 0.9].</summary>
        public double ValidationFraction { get; set; }
        /// <summary>Stop after this many epochs without improvement of the validation accuracy (null: never).</summary>
        public int? EarlyStoppingPatience { get; set; }
        /// <summary>End with the best epoch's weights rather than the last epoch's.</summary>
        public bool RestoreBestEpoch { get; set; } = true;

        /// <summary>Seed for initialisation, shuffling and augmentation; null uses the MLContext's seed (or 0). Same seed → bit-identical weights on CPU.</summary>
        public int? Seed { get; set; }
        /// <summary>Directory for a checkpoint written atomically after every epoch; training resumes from it.</summary>
        public string? CheckpointDirectory { get; set; }
        /// <summary>Continue from the checkpoint in <see cref="CheckpointDirectory"/> when there is one.</summary>
        public bool ResumeFromCheckpoint { get; set; } = true;

        /// <summary>Device to train and score on; null follows <c>MLContext.GpuDeviceId</c> / <c>FallbackToCpu</c>, else CPU.</summary>
        public torch.Device? Device { get; set; }
        /// <summary>Side images are resized to when the column carries encoded images (default: the architecture's canonical size).</summary>
        public int? ImageSize { get; set; }
        /// <summary>Channels taken from Image / encoded-image columns: 1 (grey) or 3 (RGB); default: the architecture's.</summary>
        public int? ImageChannels { get; set; }
        /// <summary>
        /// Memory layout of the weights and batches while training (and of the trained model's scoring):
        /// <see cref="MemoryLayout.Auto"/> (default) takes the architecture's <see cref="ModelSpec.PreferredLayout"/>, the
        /// one measured faster on the CPU; <see cref="MemoryLayout.ChannelsLast"/> / <see cref="MemoryLayout.ChannelsFirst"/>
        /// force NHWC / NCHW. Results are equal within float rounding; saved models are the same either way.
        /// </summary>
        public MemoryLayout MemoryLayout { get; set; } = MemoryLayout.Auto;
        /// <summary>Classifier dropout (default: the paper's).</summary>
        public double? Dropout { get; set; }
        /// <summary>
        /// Architectures with auxiliary classifiers (<c>ModelSpec.HasAuxClassifiers</c>, e.g. GoogLeNet): train with them, their
        /// losses weighted as the model declares (GoogLeNet: 0.3). Default true where the architecture has them; ignored elsewhere.
        /// </summary>
        public bool? AuxiliaryClassifiers { get; set; }
        /// <summary>
        /// Transfer learning: start from these weights (e.g. <c>PretrainedWeights.FromFile("resnet18.safetensors")</c>) with a
        /// new head for the label's classes. Unset options then come from the <see cref="TrainingPresets.FineTune"/> preset,
        /// and the input normalisation from the weights when they declare one (else from the data).
        /// </summary>
        public CnnZoo.Architectures.Weights.PretrainedWeights? Pretrained { get; set; }
        /// <summary>
        /// How <see cref="Pretrained"/> weights are fine-tuned (which layers train, the backbone's rate, BatchNorm statistics);
        /// null = the preset's (<see cref="TrainingPresets.FineTune"/>: every layer, backbone at 0.3 of the rate).
        /// </summary>
        public FineTuning? FineTune { get; set; }
        /// <summary>Continue training from this model's weights and normalisation (same architecture, classes and input).</summary>
        public CnnTransformer? InitialModel { get; set; }
        /// <summary>Skip (and count) rows whose image cannot be read instead of failing.</summary>
        public bool SkipInvalidImages { get; set; }
        /// <summary>
        /// For data larger than memory: re-read the data view every epoch instead of storing it, shuffling within a
        /// window of 16 batches. Validation needs a <see cref="ValidationSet"/> (no <see cref="ValidationFraction"/>).
        /// </summary>
        public bool Streaming { get; set; }
        /// <summary>
        /// Images each epoch trains on (at least 1): another random subset of the shuffled training data every epoch,
        /// reproducible from the seed; null (the default) or more than the data holds: every image. Bounds an epoch's
        /// time whatever the data's size (a comparison's rungs); see <see cref="TrainingSettings.ImagesPerEpoch"/>.
        /// </summary>
        public int? ImagesPerEpoch { get; set; }

        /// <summary>Receives each epoch's metrics.</summary>
        public IProgress<EpochMetrics>? Progress { get; set; }
        /// <summary>Also report the epoch so far every this many steps (0 = epoch ends only), for progress bars.</summary>
        public int ReportEverySteps { get; set; }
        /// <summary>
        /// Stops training within one batch; <c>Fit</c> then returns the model as it stands (<c>TrainingResult.StopReason</c>
        /// = <c>Cancelled</c>). Cancelled while the data is still being read, before any training, <c>Fit</c> throws
        /// <see cref="OperationCanceledException"/>.
        /// </summary>
        public CancellationToken CancellationToken { get; set; }
        /// <summary>Rows per forward pass when the trained model scores data (1–4,096).</summary>
        public int ScoringBatchSize { get; set; } = 64;

        /// <summary>A copy, so that changing the caller's options after the trainer was created changes nothing.</summary>
        internal Options Clone() => (Options)MemberwiseClone();

        /// <summary>Test hook: sees every augmented training batch (the trainer's own tests prove augmentation varies per epoch).</summary>
        internal Action<TorchSharp.torch.Tensor>? AugmentedBatchObserver { get; set; }

        /// <summary>
        /// Stores already read, shared by many runs over the same views (a comparison's trials and rungs), so that each
        /// view is read once; the cache's owner disposes it. Ignored when <see cref="Streaming"/>.
        /// </summary>
        internal TrainingDataCache? DataCache { get; set; }

        internal void Validate()
        {
            Check(CnnZoo.Architectures.ModelZoo.TryGet(Architecture ?? "", out _), nameof(Architecture),
                $"must name a zoo architecture; got '{Architecture}'. Known: {string.Join(", ", CnnZoo.Architectures.ModelZoo.Names)}");
            Check(Preset is null || TrainingPresets.TryGet(Preset, out _), nameof(Preset),
                $"must be null (the architecture's recipe) or one of {string.Join(", ", TrainingPresets.Names)}; got '{Preset}'");
            Check(!string.IsNullOrWhiteSpace(LabelColumnName), nameof(LabelColumnName), "must name a column");
            Check(!string.IsNullOrWhiteSpace(FeatureColumnName), nameof(FeatureColumnName), "must name a column");
            Check(!string.IsNullOrWhiteSpace(ScoreColumnName), nameof(ScoreColumnName), "must name a column");
            Check(!string.IsNullOrWhiteSpace(PredictedLabelColumnName), nameof(PredictedLabelColumnName), "must name a column");
            Check(ValidationFraction is >= 0 and <= 0.9, nameof(ValidationFraction), $"must be in [0, 0.9]; got {ValidationFraction}");
            Check(ImageSize is null or >= 1, nameof(ImageSize), $"must be at least 1; got {ImageSize}");
            Check(ImageChannels is null or 1 or 3, nameof(ImageChannels), $"must be 1 or 3; got {ImageChannels}");
            Check(ScoringBatchSize is >= 1 and <= 4096, nameof(ScoringBatchSize), $"must be in [1, 4096]; got {ScoringBatchSize}");
            Check(Dropout is null or (>= 0 and < 1), nameof(Dropout), $"must be in [0, 1); got {Dropout}");
            Check(!(Streaming && ValidationFraction > 0), nameof(ValidationFraction), "cannot split streamed data; give a ValidationSet instead");
            Check(!(Pretrained is not null && InitialModel is not null), nameof(Pretrained), "and InitialModel cannot both be set: continue a model with InitialModel, or start one from pretrained weights");
            ToSettings(seed: 0); // the preset and the training options, checked when the trainer is created rather than at Fit
        }

        private static void Check(bool ok, string option, string rule)
        {
            if (!ok) throw new ArgumentOutOfRangeException(option, $"CnnTrainer.Options.{option} {rule}.");
        }
    }
}
