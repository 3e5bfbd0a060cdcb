namespace CnnZoo.MLNet.Bridge.Persistence;

/// <summary>
/// One kind of CnnZoo model entry in an ML.NET model file: the 8-character model signature and the loader signature
/// ML.NET uses to find its loader, and the format version.
/// </summary>
/// <param name="ModelSignature">Eight ASCII characters that open the entry.</param>
/// <param name="LoaderSignature">The name ML.NET looks the loader up by.</param>
/// <param name="Description">What the entry holds, for ML.NET's component catalog and error messages.</param>
/// <param name="Version">The format version written; files of other versions are refused.</param>
internal sealed record ModelKind(string ModelSignature, string LoaderSignature, string Description, uint Version)
{
    /// <summary>A trained classifier (<c>CnnTransformer</c>).</summary>
    public static readonly ModelKind Classifier = new("CNNZOOCL", "CnnZooClassifier", "CnnZoo CNN classifier", 0x00010002);

    /// <summary>A featurizer (<c>CnnFeaturizer</c>).</summary>
    public static readonly ModelKind Featurizer = new("CNNZOOFT", "CnnZooFeaturizer", "CnnZoo CNN featurizer", 0x00010002);

    /// <summary>A training-time augmentation marker (<c>AugmentationTransformer</c>).</summary>
    public static readonly ModelKind Augmentation = new("CNNZOOAU", "CnnZooAugmentation", "CnnZoo training-time augmentation", 0x00010002);

    /// <summary>Transparent pixels composited on a background colour (<c>ImageBackgroundTransformer</c>).</summary>
    public static readonly ModelKind ImageBackground = new("CNNZOOBG", "CnnZooImageBackground", "CnnZoo image background compositing", 0x00010002);
}
