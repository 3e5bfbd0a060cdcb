using CnnZoo.MLNet.Bridge.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

// ML.NET finds these by the loader signature written in a model file (SignatureLoadModel: a transformer in a
// TransformerChain; SignatureLoadRowMapper: the mapper inside a saved, transformed data view).
[assembly: LoadableClass(typeof(ITransformer), typeof(ModelLoader<ClassifierEntry>), null, typeof(SignatureLoadModel), "CnnZoo CNN classifier", "CnnZooClassifier")]
[assembly: LoadableClass(typeof(IRowMapper), typeof(ModelLoader<ClassifierEntry>), null, typeof(SignatureLoadRowMapper), "CnnZoo CNN classifier", "CnnZooClassifier")]
[assembly: LoadableClass(typeof(ITransformer), typeof(ModelLoader<FeaturizerEntry>), null, typeof(SignatureLoadModel), "CnnZoo CNN featurizer", "CnnZooFeaturizer")]
[assembly: LoadableClass(typeof(IRowMapper), typeof(ModelLoader<FeaturizerEntry>), null, typeof(SignatureLoadRowMapper), "CnnZoo CNN featurizer", "CnnZooFeaturizer")]
[assembly: LoadableClass(typeof(ITransformer), typeof(ModelLoader<AugmentationEntry>), null, typeof(SignatureLoadModel), "CnnZoo training-time augmentation", "CnnZooAugmentation")]
[assembly: LoadableClass(typeof(IRowMapper), typeof(ModelLoader<AugmentationEntry>), null, typeof(SignatureLoadRowMapper), "CnnZoo training-time augmentation", "CnnZooAugmentation")]
[assembly: LoadableClass(typeof(ITransformer), typeof(ModelLoader<ImageBackgroundEntry>), null, typeof(SignatureLoadModel), "CnnZoo image background compositing", "CnnZooImageBackground")]
[assembly: LoadableClass(typeof(IRowMapper), typeof(ModelLoader<ImageBackgroundEntry>), null, typeof(SignatureLoadRowMapper), "CnnZoo image background compositing", "CnnZooImageBackground")]

namespace CnnZoo.MLNet.Bridge.Persistence;

/// <summary>Names one <see cref="ModelKind"/> as a type, so one generic loader serves every kind.</summary>
internal interface IModelEntry
{
    /// <summary>The kind of entry.</summary>
    static abstract ModelKind Kind { get; }
}

internal sealed class ClassifierEntry : IModelEntry { public static ModelKind Kind => ModelKind.Classifier; }
internal sealed class FeaturizerEntry : IModelEntry { public static ModelKind Kind => ModelKind.Featurizer; }
internal sealed class AugmentationEntry : IModelEntry { public static ModelKind Kind => ModelKind.Augmentation; }
internal sealed class ImageBackgroundEntry : IModelEntry { public static ModelKind Kind => ModelKind.ImageBackground; }

/// <summary>The static <c>Create</c> methods ML.NET calls to load an entry of kind <typeparamref name="TEntry"/>.</summary>
internal static class ModelLoader<TEntry> where TEntry : IModelEntry
{
    // SignatureLoadModel
    private static ITransformer Create(IHostEnvironment env, ModelLoadContext ctx) => ModelPersistence.Load(env, ctx, TEntry.Kind).Owner;

    // SignatureLoadRowMapper
    private static IRowMapper Create(IHostEnvironment env, ModelLoadContext ctx, DataViewSchema inputSchema)
        => ModelPersistence.Load(env, ctx, TEntry.Kind).MakeRowMapper(inputSchema);
}
