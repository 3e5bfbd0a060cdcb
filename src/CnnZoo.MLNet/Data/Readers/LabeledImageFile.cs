namespace CnnZoo.MLNet.Data.Readers;

/// <summary>An image file on disk (full path) and its class name.</summary>
internal readonly record struct LabeledImageFile(string ImagePath, string Label);
