namespace CnnZoo.MLNet.Data;

/// <summary>
/// The column names of the data views that <see cref="CnnZooData"/> returns.
/// </summary>
public static class CnnZooDataColumns
{
    /// <summary>
    /// The class name as text (for example <c>"Ankle boot"</c> or <c>"cat"</c>). Turn it into the key
    /// column the trainer needs with <c>ml.Transforms.Conversion.MapValueToKey("Label")</c>.
    /// </summary>
    public const string Label = "Label";

    /// <summary>The class index exactly as stored in an IDX or CIFAR file, as UInt32 (IDX and CIFAR views only).</summary>
    public const string LabelIndex = "LabelIndex";

    /// <summary>
    /// The raw pixel values 0..255 as <c>Vector&lt;Single, C, H, W&gt;</c> in planar CHW order: the same
    /// layout and type that <c>ExtractPixels</c> produces with its default settings (IDX and CIFAR views only).
    /// </summary>
    public const string Features = "Features";

    /// <summary>The full path of an image file (image-folder and image-list views only); feed it to <c>LoadImages</c>.</summary>
    public const string ImagePath = "ImagePath";
}
