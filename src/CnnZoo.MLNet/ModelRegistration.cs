using System.Runtime.CompilerServices;
using CnnZoo.MLNet.Augmentation;
using CnnZoo.MLNet.Bridge.Persistence;
using CnnZoo.MLNet.Scoring;

namespace CnnZoo.MLNet;

/// <summary>
/// Tells the bridge how to rebuild each CnnZoo transformer from a model file. Runs when this assembly loads; the bridge
/// loads this assembly and runs it when ML.NET asks it for a CnnZoo entry first.
/// </summary>
internal static class ModelRegistration
{
#pragma warning disable CA2255 // The bridge must know the loaders before ML.NET's Model.Load reaches it, with no call from the app.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        ModelPersistence.Register(ModelKind.Classifier, (env, reader) => CnnTransformer.Load(env, reader).Bridge);
        ModelPersistence.Register(ModelKind.Featurizer, (env, reader) => CnnFeaturizer.Load(env, reader).Bridge);
        ModelPersistence.Register(ModelKind.Augmentation, (env, reader) => AugmentationTransformer.Load(env, reader).Bridge);
        ModelPersistence.Register(ModelKind.ImageBackground, (env, reader) => Images.ImageBackgroundTransformer.Load(env, reader).Bridge);
    }
}
