using System.Reflection;
using CnnZoo.Architectures;
using CnnZoo.Architectures.Inference;
using static TorchSharp.torch;

namespace CnnZoo.MLNet.Training;

/// <summary>
/// The memory layout of an optimiser's per-parameter state (SGD's momentum buffers, Adam's moments). Those buffers take
/// a channels-last weight's layout, but TorchSharp writes state tensors with their raw bytes, which it allows only for
/// contiguous (NCHW) tensors, and reads them back into NCHW tensors (new ones, or Adam's existing ones in place). So a checkpoint moves the state to NCHW for the write and back
/// after, and a resumed run moves the loaded state to the weights' layout.
/// </summary>
internal static class OptimizerStateLayout
{
    /// <summary>Moves every 4-D state tensor of <paramref name="optimizer"/> into <paramref name="layout"/> in place (values unchanged).</summary>
    public static void Apply(TorchSharp.Modules.OptimizerHelper optimizer, MemoryLayout layout)
    {
        using var noGrad = no_grad();
        foreach (var tensor in StateTensors(optimizer).Where(t => t.ndim == 4))
        {
            if (layout == MemoryLayout.ChannelsLast ? ChannelsLast.Is(tensor) : tensor.is_contiguous()) continue;
            using var scope = NewDisposeScope();
            tensor.set_(layout == MemoryLayout.ChannelsLast ? ChannelsLast.Of(tensor) : tensor.contiguous());
        }
    }

    // TorchSharp's state classes (SGD.State, Adam.State …) hold their tensors in public fields; no API lists them.
    private static IEnumerable<Tensor> StateTensors(TorchSharp.Modules.OptimizerHelper optimizer) =>
        optimizer.state_dict().State
            .SelectMany(state => state.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance)
                .Where(field => field.FieldType == typeof(Tensor))
                .Select(field => field.GetValue(state) as Tensor))
            .OfType<Tensor>();
}
