namespace CnnZoo.MLNet.Training;

/// <summary>The optimisation algorithm.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent, with optional (Nesterov) momentum and L2 weight decay: the papers' recipe.</summary>
    Sgd,

    /// <summary>Adam (Kingma and Ba 2015); weight decay is added to the gradient (L2).</summary>
    Adam,

    /// <summary>AdamW (Loshchilov and Hutter 2019): Adam with decoupled weight decay.</summary>
    AdamW,
}
