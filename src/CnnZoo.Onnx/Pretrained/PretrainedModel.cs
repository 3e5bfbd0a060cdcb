using CnnZoo.Architectures;

namespace CnnZoo.Onnx.Pretrained;

/// <summary>A zoo model loaded with pretrained weights, and how its input must be prepared.</summary>
/// <param name="Model">The model; its features are pretrained, its classifier (<c>fc</c>) is freshly initialised because the source ships none. The caller disposes it.</param>
/// <param name="Input">The input convention the weights were trained with; apply it (<see cref="InputConvention.Prepare"/>) before <see cref="CnnModel.ForwardFeatures"/>.</param>
/// <param name="Source">The file the weights came from.</param>
public sealed record PretrainedModel(CnnModel Model, InputConvention Input, string Source);
