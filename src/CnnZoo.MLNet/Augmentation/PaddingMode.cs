namespace CnnZoo.MLNet.Augmentation;

/// <summary>How <see cref="AugmentationBuilder.RandomCrop"/> fills the border it pads around each image.</summary>
public enum PaddingMode
{
    /// <summary>Pad with zeros (torchvision's <c>padding_mode="constant"</c>, fill 0).</summary>
    Constant = 0,

    /// <summary>Repeat the edge pixel (torchvision's <c>"edge"</c>).</summary>
    Edge = 1,

    /// <summary>Mirror the image without repeating the edge pixel (torchvision's <c>"reflect"</c>); the padding must be smaller than the image.</summary>
    Reflect = 2,
}
