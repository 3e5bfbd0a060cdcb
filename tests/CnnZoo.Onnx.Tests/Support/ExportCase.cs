using CnnZoo.Architectures;

namespace CnnZoo.Onnx.Tests.Support;

/// <summary>
/// How the export parity test builds each registry architecture: its canonical input where that is small, else the
/// larger of its minimum and 64 (big enough that every pooling stage keeps a map of several cells); nets whose weights
/// alone take seconds to copy into ONNX and ONNX Runtime are the slow cases.
/// </summary>
internal sealed record ExportCase(string Name, int InputSize, bool Slow)
{
    private const int SmallSide = 64;
    private const long SlowParameters = 30_000_000;

    private static readonly Lazy<IReadOnlyList<ExportCase>> Cases = new(() => ModelZoo.All.Select(For).ToList());

    /// <summary>One case per registry architecture, in registry order (each net is built once, to count its parameters).</summary>
    public static IReadOnlyList<ExportCase> All => Cases.Value;

    public ModelOptions Options => new() { InputSize = InputSize };

    private static ExportCase For(ModelSpec spec)
    {
        var size = spec.CanonicalInputSize <= SmallSide ? spec.CanonicalInputSize : Math.Max(spec.MinInputSize, SmallSide);
        using var model = ModelZoo.Create(spec.Name, new ModelOptions { InputSize = size });
        var parameters = model.parameters().Sum(p => p.numel());
        var modules = model.named_modules().Count();
        return new ExportCase(spec.Name, size, parameters > SlowParameters || modules > 1000);
    }
}
