namespace CnnZoo.MLNet.Comparison;

/// <summary>An <see cref="IProgress{T}"/> that runs its handler on the reporting thread (unlike <see cref="Progress{T}"/>, which posts it).</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
