namespace CnnZoo.Benchmarks.Transfer;

/// <summary>One labelled image file.</summary>
/// <param name="ImagePath">Full path of the image.</param>
/// <param name="Label">Its class name.</param>
public sealed record LabeledImage(string ImagePath, string Label);

/// <summary>A few-shot image classification task: fixed classes and a fixed train/test split of image files.</summary>
/// <param name="Name">Short name (<c>fashion-mnist</c>, <c>oxygen-icons</c>).</param>
/// <param name="Description">Where the images come from and how they were split.</param>
/// <param name="Train">The training images.</param>
/// <param name="Test">The test images.</param>
/// <param name="Grey">True when the images are greyscale (LeNet-5 then reads one channel).</param>
public sealed record TransferTask(string Name, string Description, IReadOnlyList<LabeledImage> Train, IReadOnlyList<LabeledImage> Test, bool Grey)
{
    /// <summary>The class names, sorted.</summary>
    public IReadOnlyList<string> Classes => Train.Select(i => i.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
}
