namespace CnnZoo.Architectures.Export;

/// <summary>A zoo layer that describes its own eval-mode forward pass for export (see <see cref="IForwardGraph"/>).</summary>
internal interface IDescribesForward
{
    /// <summary>The layer's forward pass on <paramref name="input"/>, in the operations of <paramref name="graph"/>.</summary>
    GraphValue DescribeForward(IForwardGraph graph, GraphValue input);
}
