namespace CnnZoo.MLNet.Bridge.Persistence;

/// <summary>A CnnZoo transformer as it saves itself into an ML.NET model file.</summary>
internal interface IPersistentModel
{
    /// <summary>Which kind of entry it writes.</summary>
    ModelKind Kind { get; }

    /// <summary>Writes the entry's content (read back by the factory registered for <see cref="Kind"/>).</summary>
    void Save(ModelWriter writer);
}
