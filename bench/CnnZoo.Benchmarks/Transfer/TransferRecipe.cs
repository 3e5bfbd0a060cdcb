namespace CnnZoo.Benchmarks.Transfer;

/// <summary>The ways <c>cnnzoo bench-transfer</c> learns a task, each an ordinary ML.NET pipeline over the image files.</summary>
public enum TransferRecipe
{
    /// <summary>The anchor: ML.NET's own <c>DnnFeaturizeImage(ResNet18)</c> at 224×224, then <c>LbfgsMaximumEntropy</c>.</summary>
    MlNetFeaturizer,

    /// <summary>CnnZoo's <c>CnnFeaturize("resnet18_mlnet", MlNetResNet18.Weights())</c> with the anchor's preprocessing (224×224, transparent pixels read as black), then <c>LbfgsMaximumEntropy</c>: the same weights, so the anchor's accuracy.</summary>
    CnnZooFeaturizerAnchorPreprocessing,

    /// <summary>CnnZoo's preprocessing (transparent pixels composited on white, the bench's input size), its pretrained featurizer, then <c>LbfgsMaximumEntropy</c>.</summary>
    CnnZooFeaturizerHead,

    /// <summary>The default transfer recipe (README, <c>cnnzoo train --pretrained imagenet</c>): CnnZoo's preprocessing and <c>Trainers.Cnn("resnet18_mlnet", pretrained: MlNetResNet18.Weights())</c>, the whole network fine-tuned with the <c>finetune</c> preset.</summary>
    CnnZooFineTuned,

    /// <summary>The same pipeline and architecture from random weights.</summary>
    ResNet18FromScratch,

    /// <summary>LeNet-5 from random weights (28×28 grey or 32×32 colour).</summary>
    LeNet5FromScratch,
}
